"""Evidence files (佐证材料): the one way a file is checked, attached to its owner and served back.

Every owner (a progress report, a unit's reply to a 督办单, a finding, a rectification item, one of its
progress entries) takes files the same way. The service calls ``evidence_check`` (or ``evidence_check_all``)
with its other checks, before its transaction, so a refused file leaves nothing behind; then, in its
transaction and after its own rules are checked again under the row lock, ``evidence_attach`` for each
file. The owner's rules (who may add files, and while which state) stay with the owner's service.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Model
from django.http import FileResponse, Http404

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.files import attachment_response, store_by_digest
from taizhang.reports.models import OWNER_FIELDS, Evidence

logger = logging.getLogger(__name__)

MAX_FILES = 20  # in one call of a service that takes several files
_EXTRA_TYPES = {"ofd": "application/ofd"}  # types mimetypes does not know


class EvidenceError(ValidationError):
    """A refused file: its type, its size, an empty file, too many at once. ``code`` is for programs,
    ``zh`` and ``en`` for people. A ``ValidationError``, so forms and views show it as any other refusal."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}", code=code)
        self.zh = zh
        self.en = en

    def __reduce__(self):  # copy and pickle rebuild it through __init__, whose arguments differ from .args
        return (type(self), (self.code, self.zh, self.en))


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    """An upload ``evidence_check`` took: the file, its clean original name and the type it is served as."""

    upload: UploadedFile
    name: str
    content_type: str


def evidence_limits() -> dict[str, str | list[str]]:
    """The allowed types and the size limit in MB, for the pages that say them next to the file picker."""
    return {"evidence_types": settings.TAIZHANG_EVIDENCE_TYPES, "evidence_max_mb": _max_mb()}


def _max_mb() -> str:
    return f"{settings.TAIZHANG_EVIDENCE_MAX_BYTES / (1024 * 1024):g}"


def evidence_check(upload: UploadedFile) -> CheckedUpload:
    """The upload with its original name (any path dropped) and its content type, or ``EvidenceError`` for
    a type outside ``TAIZHANG_EVIDENCE_TYPES``, a size over ``TAIZHANG_EVIDENCE_MAX_BYTES`` or an empty
    file. The type comes from the extension, never from what the browser claims. Stores nothing."""
    name = PurePath((upload.name or "").replace("\\", "/")).name.strip()
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = settings.TAIZHANG_EVIDENCE_TYPES
    if extension not in allowed:
        raise EvidenceError(
            "bad_type",
            f"“{name}”属于不支持的文件类型，此类型不允许上传；只能上传：{'、'.join(allowed)}。",
            f"“{name}”: this file type is not allowed; allowed types: {', '.join(allowed)}.",
        )
    if upload.size > settings.TAIZHANG_EVIDENCE_MAX_BYTES:
        limit = _max_mb()
        raise EvidenceError(
            "too_large", f"“{name}”超过 {limit} MB 的上限。", f"“{name}” is larger than the {limit} MB limit."
        )
    if upload.size == 0:
        raise EvidenceError("empty", f"“{name}”是空文件。", f"“{name}” is empty.")
    content_type = _EXTRA_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return CheckedUpload(upload, name[:255], content_type)


def evidence_check_all(uploads: Sequence[UploadedFile]) -> list[CheckedUpload]:
    """``evidence_check`` for each of at most ``MAX_FILES`` uploads; the first refusal refuses them all."""
    if len(uploads) > MAX_FILES:
        raise EvidenceError(
            "too_many", f"一次最多上传 {MAX_FILES} 个文件。", f"At most {MAX_FILES} files at once."
        )
    return [evidence_check(upload) for upload in uploads]


def evidence_attach(*, upload: CheckedUpload, actor: User, **owner: Model) -> Evidence:
    """Store the checked file by its digest and attach it to the one ``owner`` given (``report=…``,
    ``order_recipient=…``, ``finding=…``, ``rectification=…``, ``rectification_progress=…``), with its
    ``evidence.add`` audit entry. Call it inside the owner's transaction, after its checks: a rollback
    leaves at most an orphan blob on disk (a clean-up can remove blobs no row names), never a row
    without its file."""
    if len(owner) != 1 or not owner.keys() <= set(OWNER_FIELDS):
        raise TypeError(f"evidence_attach takes one owner of {', '.join(OWNER_FIELDS)}; got {sorted(owner)}")
    blob = store_by_digest(upload.upload, folder="evidence")
    evidence = Evidence.objects.create(
        file=blob.name,
        sha256=blob.sha256,
        size=blob.size,
        content_type=upload.content_type,
        original_name=upload.name,
        uploaded_by=actor,
        **owner,
    )
    audit_record(actor=actor, action="evidence.add", obj=evidence, after=snapshot(evidence))
    return evidence


def evidence_response(evidence: Evidence) -> FileResponse:
    """The stored file as a download (``lib.files.attachment_response``: its stored type, attachment,
    ``nosniff``, sandbox, never cached), with its original name. The caller has checked access through its
    selector; 404 when the stored bytes are missing."""
    try:
        fileobj = default_storage.open(evidence.file.name, "rb")
    except FileNotFoundError:
        logger.error("evidence %s: stored file %s is missing", evidence.pk, evidence.file.name)
        raise Http404 from None
    return attachment_response(
        fileobj,
        name=evidence.original_name,
        ascii_name=_ascii_name(evidence),
        content_type=evidence.content_type,
    )


def _ascii_name(evidence: Evidence) -> str:
    """The original name when it is plain ASCII (quotes and backslashes made ``_``), else
    ``evidence-<id>.<ext>``."""
    name = evidence.original_name
    if name.isascii() and name.isprintable():
        return name.replace("\\", "_").replace('"', "_")
    suffix = PurePath(name).suffix
    return f"evidence-{evidence.pk}{suffix if suffix.isascii() else ''}"
