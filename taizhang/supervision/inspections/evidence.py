"""Attaching evidence files (佐证材料) to a finding, a rectification item or a progress entry: every file is
checked before any is stored, and the rows are written in the caller's transaction.

Shared by the inspection and rectification services; the report services keep their own (one file a call,
under the report's lock)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.files import store_by_digest
from taizhang.reports.models import Evidence
from taizhang.reports.services import evidence_check

MAX_FILES = 20


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    upload: UploadedFile
    name: str
    content_type: str


def evidence_checked(uploads: Sequence[UploadedFile]) -> list[CheckedUpload]:
    """Each upload's clean name and type, or ValidationError naming the first refused one. Nothing is
    stored: call it with the service's other checks, before the transaction."""
    if len(uploads) > MAX_FILES:
        raise ValidationError(f"一次最多上传 {MAX_FILES} 个文件。 / At most {MAX_FILES} files at once.")
    checked = []
    for upload in uploads:
        try:
            name, content_type = evidence_check(upload)
        except ValidationError as exc:
            raise ValidationError(f"“{upload.name}”：{' '.join(exc.messages)}") from None
        checked.append(CheckedUpload(upload, name, content_type))
    return checked


def evidence_attach(*, actor: User, files: Sequence[CheckedUpload], **owner) -> list[Evidence]:
    """Store the checked files by digest and attach them to the one ``owner`` given (``finding=…``,
    ``rectification=…``, ``rectification_progress=…``), each with an audit entry. Inside the caller's
    transaction: a rollback leaves at most an orphan blob on disk, never a row without its file."""
    rows = []
    for checked in files:
        blob = store_by_digest(checked.upload, folder="evidence")
        evidence = Evidence.objects.create(
            file=blob.name,
            sha256=blob.sha256,
            size=blob.size,
            content_type=checked.content_type,
            original_name=checked.name,
            uploaded_by=actor,
            **owner,
        )
        audit_record(actor=actor, action="evidence.add", obj=evidence, after=snapshot(evidence))
        rows.append(evidence)
    return rows
