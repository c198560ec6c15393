"""Writes for progress reports and their evidence."""

from __future__ import annotations

import mimetypes
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.files import store_by_digest
from taizhang.reports.models import EDITABLE_STATES, Evidence, ProgressReport

_EXTRA_TYPES = {"ofd": "application/ofd"}


def evidence_check(upload: UploadedFile) -> tuple[str, str]:
    """The upload's cleaned original name and content type, or ValidationError if size or type is refused.
    The type comes from the extension, never from what the browser claims."""
    name = PurePath((upload.name or "").replace("\\", "/")).name.strip()
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in settings.TAIZHANG_EVIDENCE_TYPES:
        allowed = "、".join(settings.TAIZHANG_EVIDENCE_TYPES)
        raise ValidationError(f"不支持的文件类型“{extension or '无扩展名'}”，只能上传：{allowed}。")
    if upload.size > settings.TAIZHANG_EVIDENCE_MAX_BYTES:
        limit_mb = settings.TAIZHANG_EVIDENCE_MAX_BYTES / (1024 * 1024)
        raise ValidationError(f"文件超过 {limit_mb:g} MB 的上限。")
    if upload.size == 0:
        raise ValidationError("文件是空的。")
    content_type = _EXTRA_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return name[:255], content_type


def _check_editable(report: ProgressReport) -> None:
    if report.review_state not in EDITABLE_STATES:
        raise ValidationError("报送已提交，不能再添加佐证材料。")


def evidence_add(*, report: ProgressReport, upload: UploadedFile, actor: User) -> Evidence:
    """Attach a file to a report the unit is still writing (draft, or returned for correction)."""
    _check_editable(report)
    original_name, content_type = evidence_check(upload)
    blob = store_by_digest(upload, folder="evidence")
    # A file written to disk for a transaction that then rolls back stays as an orphan blob; a clean-up
    # command can remove blobs no row names. The reverse (a row without its file) cannot happen.
    with transaction.atomic():
        # Check again under the row lock: the report may have been submitted while the file was stored.
        _check_editable(ProgressReport.objects.select_for_update().only("review_state").get(pk=report.pk))
        evidence = Evidence.objects.create(
            report=report,
            file=blob.name,
            sha256=blob.sha256,
            size=blob.size,
            content_type=content_type,
            original_name=original_name,
            uploaded_by=actor,
        )
        audit_record(actor=actor, action="evidence.add", obj=evidence, after=snapshot(evidence))
    return evidence
