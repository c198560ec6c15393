"""An import in progress, between the upload and the confirm: the preview in the session, the file in the
file store.

The session holds ``ImportPreview.to_dict()`` as the office edits it, a stable id for each task row (so a
row can be edited or removed while others go), and the fields chosen with the upload. The file's bytes
stay out of the session: they wait in the default storage as ``import-uploads/<sha256>`` (local disk or the
object store every app server shares, so the confirm may reach another host than the upload) until the
import is confirmed or discarded; files older than a day are swept away on the next upload.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from taizhang.lib.i18n import said_lazy
from taizhang.lib.refusal import Refusal
from taizhang.plans.importing import ImportPreview, NameMatch
from taizhang.plans.importing.build import sections_of
from taizhang.plans.importing.preview import unit_names
from taizhang.plans.importing.wildcards import expansions as wildcard_expansions
from taizhang.units.matching import match_unit_names
from taizhang.units.models import Region

SESSION_KEY = "plan_import"
KEEP_UPLOADS_SECONDS = 24 * 60 * 60
_DIGEST = re.compile(r"[0-9a-f]{64}")

# What the import's pages say when the draft they act on is gone, or was replaced by another upload.
NO_IMPORT = said_lazy(
    "没有进行中的导入，请先上传文件。", "There is no import in progress; upload a file first."
)
REPLACED_UNCHANGED = said_lazy(
    "该预览已被另一次上传替换，未作修改。",
    "This preview was replaced by another upload; nothing was changed.",
)


@dataclass(slots=True)
class ImportDraft:
    preview: ImportPreview
    rows: list[int]  # a stable id for each task, in step with preview.tasks
    fields: dict = field(default_factory=dict)  # level, period_start, period_end, report_cadence
    region: Region | None = None  # read once a request, by draft_region

    def index_of(self, row: int) -> int:
        try:
            return self.rows.index(row)
        except ValueError:
            raise Http404 from None

    def remove(self, row: int) -> None:
        index = self.index_of(row)
        del self.rows[index]
        del self.preview.tasks[index]


def draft_start(request: HttpRequest, preview: ImportPreview, fields: dict) -> ImportDraft:
    draft = ImportDraft(preview=preview, rows=list(range(1, len(preview.tasks) + 1)), fields=fields)
    draft_save(request, draft)
    return draft


def draft_save(request: HttpRequest, draft: ImportDraft) -> None:
    stored = request.session.get(SESSION_KEY)
    stash = stored.get("stash") if isinstance(stored, dict) else None
    request.session[SESSION_KEY] = {
        "preview": draft.preview.to_dict(),
        "rows": draft.rows,
        "fields": draft.fields,
        **({"stash": stash} if stash and stored["preview"].get("sha256") == draft.preview.sha256 else {}),
    }


def draft_load(request: HttpRequest) -> ImportDraft | None:
    """The import in progress, or None when there is none (or what the session holds is unusable)."""
    stored = request.session.get(SESSION_KEY)
    if not isinstance(stored, dict):
        return None
    try:
        preview = ImportPreview.from_dict(stored.get("preview"))
    except Refusal:
        return None
    rows = stored.get("rows")
    if not isinstance(rows, list) or len(rows) != len(preview.tasks) or not _DIGEST.fullmatch(preview.sha256):
        return None
    return ImportDraft(preview=preview, rows=[int(r) for r in rows], fields=dict(stored.get("fields") or {}))


def stash_keep(request: HttpRequest, posted) -> None:
    """What the preview's form held when the office left it for another page of the import (the 泛称 page):
    titles, fields and the unit-name choices not confirmed yet, shown again on the way back."""
    stored = request.session.get(SESSION_KEY)
    if isinstance(stored, dict):
        keep = ("title", "doc_number", "level", "period_start", "period_end", "report_cadence")
        stored["stash"] = {k: posted.getlist(k) for k in (*keep, "map_name", "map_unit") if k in posted}
        request.session.modified = True


def stash_read(request: HttpRequest) -> MultiValueDict:
    stored = request.session.get(SESSION_KEY)
    stash = stored.get("stash") if isinstance(stored, dict) else None
    if not isinstance(stash, dict):
        return MultiValueDict()
    return MultiValueDict({k: [str(v) for v in vs] for k, vs in stash.items() if isinstance(vs, list)})


def draft_clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def rematch(preview: ImportPreview, region: Region) -> None:
    """Bring the preview's unit matches and wildcards in line with its tasks after a hand edit: names no
    task prints any more go, names typed in are matched like the file's (one query, none when nothing new
    was typed)."""
    names, wildcards = unit_names(preview.tasks)
    known = {m.name: m for m in preview.names}
    typed = [n for n in names if n not in known]
    matches = match_unit_names(region=region, names=typed) if typed else {}
    preview.names = [known.get(n) or _name_match(n, matches[n]) for n in names]
    known_wildcards = {w.name: w for w in preview.wildcards}
    typed_wildcards = [w for w in wildcards if w not in known_wildcards]
    added = {w.name: w for w in wildcard_expansions(region, typed_wildcards)}  # no query when none is new
    preview.wildcards = [known_wildcards.get(w) or added[w] for w in wildcards]
    for task in preview.tasks:  # a task's choice for a word it no longer prints goes with the word
        task.wildcard_units = {w: u for w, u in task.wildcard_units.items() if w in task.wildcards}
    preview.sections = sections_of(preview.tasks)


def _name_match(name: str, match) -> NameMatch:
    return NameMatch(
        name=name,
        exact={"id": match.exact.pk, "name": match.exact.name} if match.exact else None,
        suggestions=[{"id": u.pk, "name": u.name, "score": score} for u, score in match.suggestions],
    )


# ---- the uploaded file, waiting for the confirm ----


FOLDER = "import-uploads"


def upload_keep(sha256: str, data: bytes) -> None:
    """Keep ``data`` under its digest until the import is confirmed; sweep uploads nobody confirmed."""
    _sweep(timezone.now() - timedelta(seconds=KEEP_UPLOADS_SECONDS))
    name = f"{FOLDER}/{sha256}"
    default_storage.delete(name)  # the same file uploaded again: kept anew, its day starts again
    default_storage.save(name, ContentFile(data))


def _sweep(cutoff) -> None:
    try:
        _dirs, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for old in names:
        try:
            if default_storage.get_modified_time(f"{FOLDER}/{old}") < cutoff:
                default_storage.delete(f"{FOLDER}/{old}")
        except FileNotFoundError:
            pass  # another request swept it first


def upload_read(sha256: str) -> bytes | None:
    if not _DIGEST.fullmatch(sha256):
        return None
    try:
        with default_storage.open(f"{FOLDER}/{sha256}", "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def upload_discard(sha256: str) -> None:
    if _DIGEST.fullmatch(sha256):
        default_storage.delete(f"{FOLDER}/{sha256}")


def draft_region(draft: ImportDraft) -> Region:
    """The region the file is previewed for (chosen from the office's regions at upload; the services
    check the office's scope again on every step)."""
    if draft.region is None:
        draft.region = Region.objects.get(pk=draft.preview.region_id)
    return draft.region
