"""Writes to circulars (通报): drafting (from an inspection or blank), editing, publishing, and replacing a
region's Word template. Each is one transaction with its audit entry; refusals raise ``Refusal``
(bilingual), ``PermissionDenied`` or ``StaleEdit``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from io import BytesIO
from pathlib import PurePath
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from taizhang.accounts.checks import office_region, require_office_admin_of
from taizhang.accounts.models import User
from taizhang.accounts.selectors import people_of_units
from taizhang.audit.services import audit_record, snapshot
from taizhang.circulars.codes import CircularCode
from taizhang.circulars.drafting import draft_from_inspection
from taizhang.circulars.models import Circular, CircularKind, CircularTemplate
from taizhang.circulars.permissions import NOT_OFFICE
from taizhang.circulars.rendering import circular_render_docx
from taizhang.circulars.wordtemplate import template_problems
from taizhang.files.checks import screen
from taizhang.files.storage import store_by_digest
from taizhang.files.uses import Use
from taizhang.inspections.models import Inspection
from taizhang.inspections.selectors import is_revealed
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

# 抄送 as typed: 、，, ; or new lines between the bodies; printed with 、.
_COPY_SPLIT = re.compile(r"\s*[、，,；;\n]+\s*")
TEMPLATE_MAX_BYTES = 10 * 1024 * 1024
_FIELDS = [
    "kind",
    "title",
    "doc_number",
    "body",
    "copy_to",
    "region",
    "inspection",
    "state",
    "published_at",
    "docx",
]


def _clean_units(region: Region, units: Iterable[Unit]) -> list[Unit]:
    units = list(dict.fromkeys(units))
    below = region_subtree_ids([region.pk])
    if outside := [unit for unit in units if unit.region_id not in below]:
        names = "、".join(unit.name for unit in outside)
        raise Refusal(
            CircularCode.UNIT_OUT_OF_REGION,
            f"通报只能点名本地区的单位：{names}不在{region.name}。",
            f"A circular may name only units of its region; {names} are outside {region.name}.",
        )
    return units


def _clean_text(*, title: str, doc_number: str, exclude: int | None = None) -> tuple[str, str]:
    title, doc_number = " ".join(title.split()), doc_number.strip()
    if not title:
        raise Refusal(CircularCode.TITLE_BLANK, "通报标题不能为空。", "A circular needs a title.")
    if doc_number and Circular.objects.filter(doc_number=doc_number).exclude(pk=exclude).exists():
        raise Refusal(
            CircularCode.DOC_NUMBER_TAKEN,
            f"文号“{doc_number}”已被其他通报使用。",
            f"The document number {doc_number} is already used by another circular.",
        )
    return title, doc_number


def _unit_ids(circular: Circular) -> list[int]:
    return sorted(circular.units.values_list("id", flat=True))


def circular_draft(
    *,
    actor: User,
    kind: str,
    title: str,
    body: str,
    units: Iterable[Unit],
    region: Region | None = None,
    doc_number: str = "",
    inspection: Inspection | None = None,
) -> Circular:
    """A new draft circular of ``region`` (the actor's office region when not given)."""
    if kind not in CircularKind.values:
        raise Refusal(CircularCode.BAD_KIND, "通报类别无效。", f"Unknown kind of circular: {kind!r}.")
    region = region or office_region(actor, refusal=NOT_OFFICE)
    require_office_admin_of(actor, region.pk, refusal=NOT_OFFICE)
    title, doc_number = _clean_text(title=title, doc_number=doc_number)
    units = _clean_units(region, units)
    with transaction.atomic():
        circular = Circular.objects.create(
            kind=kind,
            title=title,
            doc_number=doc_number,
            region=region,
            inspection=inspection,
            body=body.strip(),
            created_by=actor,
        )
        circular.units.set(units)
        audit_record(
            actor=actor,
            action="circular.draft",
            obj=circular,
            after={**snapshot(circular, fields=_FIELDS), "units": _unit_ids(circular)},
        )
    return circular


def circular_draft_from_inspection(*, actor: User, inspection: Inspection) -> Circular:
    """督查通报 drafted from an inspection: a title, the next free 文号 of the region's office, a text
    summarising the findings unit by unit, and the units with findings named. The office edits it."""
    require_office_admin_of(actor, inspection.region_id, refusal=NOT_OFFICE)
    draft = draft_from_inspection(inspection, year=timezone.localdate().year)
    return circular_draft(
        actor=actor,
        kind=CircularKind.INSPECTION,
        title=draft.title,
        body=draft.body,
        units=draft.units,
        region=inspection.region,
        doc_number=draft.doc_number,
        inspection=inspection,
    )


def _require_draft(circular: Circular) -> None:
    if circular.state != Circular.State.DRAFT:
        raise Refusal(
            CircularCode.NOT_DRAFT,
            f"通报“{circular.title}”已发布，不能再修改或发布。",
            f"Circular {circular.pk} is published; it can no longer be edited or published.",
        )


def circular_update(
    *,
    actor: User,
    circular: Circular,
    expected_version: int,
    title: str,
    doc_number: str,
    body: str,
    units: Iterable[Unit],
    copy_to: str | None = None,
) -> Circular:
    """The office edits a draft's title, 文号, text, 抄送 (None: unchanged) and the units it names."""
    require_office_admin_of(actor, circular.region_id, refusal=NOT_OFFICE)
    _require_draft(circular)
    title, doc_number = _clean_text(title=title, doc_number=doc_number, exclude=circular.pk)
    units = _clean_units(circular.region, units)
    fields = ["title", "doc_number", "body", "copy_to"]
    copy_to = (
        circular.copy_to if copy_to is None else "、".join(_COPY_SPLIT.split(copy_to.strip().rstrip("。")))
    )
    copy_to = copy_to.strip("、")
    before = {**snapshot(circular, fields=fields), "units": _unit_ids(circular)}
    try:
        with transaction.atomic():
            save_versioned(
                circular,
                expected_version=expected_version,
                title=title,
                doc_number=doc_number,
                body=body.strip(),
                copy_to=copy_to,
            )
            circular.units.set(units)
            after = {
                **snapshot(circular, fields=fields),
                "units": _unit_ids(circular),
            }
            changed = [key for key in after if after[key] != before[key]]
            audit_record(
                actor=actor,
                action="circular.update",
                obj=circular,
                before={key: before[key] for key in changed},
                after={key: after[key] for key in changed},
            )
    except IntegrityError:  # the 文号 was taken between the check and the save
        raise Refusal(
            CircularCode.DOC_NUMBER_TAKEN,
            f"文号“{doc_number}”已被其他通报使用。",
            f"The document number {doc_number} is already used by another circular.",
        ) from None
    return circular


def circular_publish(*, actor: User, circular: Circular, expected_version: int) -> Circular:
    """发布: the draft becomes the published circular. Needs a title, a 文号, a text and at least one unit
    named; the .docx is made from the region's template and stored for good, and each named unit's
    liaison and unit head get a message in their inbox. A circular of a covert inspection (暗访) waits
    until the inspection is published (``inspections.selectors.is_revealed``): publishing it would show
    the units findings they may not see yet. Drafting it meanwhile is the office's own business."""
    require_office_admin_of(actor, circular.region_id, refusal=NOT_OFFICE)
    _require_draft(circular)
    if circular.inspection is not None and not is_revealed(circular.inspection):
        raise Refusal(
            CircularCode.NOT_REVEALED,
            f"暗访“{circular.inspection.title}”尚未公开，其通报不能发布；请先公开该检查。",
            f"The covert inspection {circular.inspection.title} is not published yet, so its circular "
            "cannot be; publish the inspection first.",
        )
    missing = [
        (zh, en)
        for value, zh, en in (
            (circular.doc_number.strip(), "文号", "a document number"),
            (circular.body.strip(), "正文", "a text"),
            (circular.units.exists(), "通报单位", "at least one unit named"),
        )
        if not value
    ]
    if missing:
        raise Refusal(
            CircularCode.INCOMPLETE,
            f"通报缺少{'、'.join(zh for zh, _ in missing)}，不能发布。",
            f"The circular cannot be published without {', '.join(en for _, en in missing)}.",
        )
    now = timezone.now()
    with transaction.atomic():
        data = circular_render_docx(circular, on=timezone.localdate(now))  # 成文日期: today
        blob = store_by_digest(ContentFile(data), folder="circulars")
        save_versioned(
            circular,
            expected_version=expected_version,
            state=Circular.State.PUBLISHED,
            published_at=now,
            docx=blob.name,
        )
        audit_record(
            actor=actor,
            action="circular.publish",
            obj=circular,
            before={"state": Circular.State.DRAFT},
            after={"state": circular.state, "published_at": now, "docx_sha256": blob.sha256},
        )
        _tell_units(circular)
    return circular


def _tell_units(circular: Circular) -> None:
    """A message to the liaisons and unit heads of the units a published circular names."""
    people = people_of_units(circular.units.values_list("pk", flat=True))
    link = reverse("circular_detail", args=[circular.pk])
    for user in sorted({u.pk: u for users in people.values() for u in users}.values(), key=lambda u: u.pk):
        notify(
            intent=ReminderIntent(
                recipient=user,
                kind=Notification.Kind.INFO,
                subject=f"通报：{circular.title}",
                body=f"{circular.doc_number}《{circular.title}》已印发，点名了贵单位，请查阅并按要求办理。",
                link=link,
                about=circular,
                dedup_key=f"circular:{circular.pk}:published:user:{user.pk}",
            )
        )


def circular_template_upload(
    *, actor: User, region: Region, kind: str, upload: IO[bytes], name: str
) -> CircularTemplate:
    """The office replaces its region's Word template for one kind of circular. The file must be a .docx
    holding the placeholders (``wordtemplate.template_problems``); every problem is named, in Chinese and
    English, so it can be fixed in one go. Its content is screened first (``files.checks.screen``:
    no program, script or virus, within the zip limits), a refusal with the files code."""
    require_office_admin_of(actor, region.pk, refusal=NOT_OFFICE)
    if kind not in CircularKind.values:
        raise Refusal(CircularCode.BAD_KIND, "通报类别无效。", f"Unknown kind of circular: {kind!r}.")
    if PurePath(name).suffix.lower() != ".docx":
        raise Refusal(
            CircularCode.NOT_DOCX,
            "模板须是 Word（.docx）文件。",
            "The template must be a Word .docx file.",
        )
    data = upload.read(TEMPLATE_MAX_BYTES + 1)
    if len(data) > TEMPLATE_MAX_BYTES:
        raise Refusal(
            CircularCode.TOO_LARGE,
            f"模板文件不能超过 {TEMPLATE_MAX_BYTES // (1024 * 1024)} MB。",
            f"The template may be at most {TEMPLATE_MAX_BYTES // (1024 * 1024)} MB.",
        )
    screen(BytesIO(data), name=name, use=Use.CIRCULAR_TEMPLATE)
    if problems := template_problems(data, needs_findings=kind == CircularKind.INSPECTION):
        raise Refusal(
            CircularCode(problems[0].code),
            "模板不可用：" + "".join(p.zh for p in problems),
            "The template cannot be used: " + " ".join(p.en for p in problems),
        )
    with transaction.atomic():
        blob = store_by_digest(ContentFile(data), folder="circular-templates")
        row = CircularTemplate.objects.filter(region=region, kind=kind).select_for_update().first()
        before = {"sha256": row.sha256, "original_name": row.original_name} if row else None
        if row is None:
            row = CircularTemplate(region=region, kind=kind)
        row.file, row.sha256, row.original_name, row.uploaded_by = blob.name, blob.sha256, name[:255], actor
        row.save()
        audit_record(
            actor=actor,
            action="circular_template.upload",
            obj=row,
            before=before,
            after={"sha256": blob.sha256, "original_name": row.original_name, "kind": kind},
        )
    return row


_DOC_CODE_BAD = re.compile(r"[〔〕\[\]()（）\d\s号]")


def circular_issuer_set(
    *,
    actor: User,
    region: Region,
    issuer_name: str,
    issuer_short_name: str,
    issuer_mark_short: bool,
    doc_code: str,
    printer_name: str,
) -> Region:
    """发文机关设置: how the region's circulars name their issuer — the full name and the 规范化简称, which
    of them the 发文机关标志 and the signature use, the 发文机关代字 that starts each 文号, and the 印发机关
    of the 版记. Blank fields fall back to 〈区划〉惩防办 and 〈首字〉惩防办 (``rendering``, ``drafting``)."""
    require_office_admin_of(actor, region.pk, refusal=NOT_OFFICE)
    values = {
        "issuer_name": " ".join(issuer_name.split()),
        "issuer_short_name": " ".join(issuer_short_name.split()),
        "issuer_mark_short": bool(issuer_mark_short),
        "doc_code": doc_code.strip(),
        "printer_name": " ".join(printer_name.split()),
    }
    if values["issuer_mark_short"] and not values["issuer_short_name"]:
        raise Refusal(
            CircularCode.ISSUER_SHORT_MISSING,
            "选择用简称作发文机关标志时，须填写规范化简称。",
            "Give the short name to use it in the issuer mark.",
        )
    if _DOC_CODE_BAD.search(values["doc_code"]):
        raise Refusal(
            CircularCode.DOC_CODE_BAD,
            "发文机关代字只写代字本身（如“示惩防办”），不含年份、六角括号、序号或“号”字。",
            "The issuer code is the code alone (示惩防办): no year, brackets, number or 号.",
        )
    fields = list(values)
    before = snapshot(region, fields=fields)
    for key, value in values.items():
        setattr(region, key, value)
    region.full_clean(validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        region.save(update_fields=fields)
        audit_record(actor=actor, action="circular.issuer_set", obj=region, before=before, after=values)
    return region
