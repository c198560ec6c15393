"""The checks every upload passes before anything is stored: the type allow-list and the size limit
(``TAIZHANG_EVIDENCE_TYPES``, ``TAIZHANG_EVIDENCE_MAX_BYTES``), no empty file, not too many at once.

A service calls ``upload_check`` (or ``upload_check_all``) with its other checks, before its transaction,
so a refused file leaves nothing behind; then, in its transaction, ``files.services.attach``."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from taizhang.files.codes import FileCode
from taizhang.lib.refusal import Refusal

MAX_FILES = 20  # in one call of a service that takes several files
_EXTRA_TYPES = {"ofd": "application/ofd"}  # types mimetypes does not know


@dataclass(frozen=True, slots=True)
class CheckedUpload:
    """An upload ``upload_check`` took: the file, its clean original name and the type it is served as."""

    upload: UploadedFile
    name: str
    content_type: str


def upload_limits() -> dict[str, str | list[str]]:
    """The allowed types and the size limit in MB, for the pages that say them next to the file picker."""
    return {"evidence_types": settings.TAIZHANG_EVIDENCE_TYPES, "evidence_max_mb": _max_mb()}


def _max_mb() -> str:
    return f"{settings.TAIZHANG_EVIDENCE_MAX_BYTES / (1024 * 1024):g}"


def upload_check(upload: UploadedFile) -> CheckedUpload:
    """The upload with its original name (any path dropped) and its content type, or a ``Refusal`` for a
    type outside ``TAIZHANG_EVIDENCE_TYPES``, a size over ``TAIZHANG_EVIDENCE_MAX_BYTES`` or an empty
    file. The type comes from the extension, never from what the browser claims. Stores nothing."""
    name = PurePath((upload.name or "").replace("\\", "/")).name.strip()
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = settings.TAIZHANG_EVIDENCE_TYPES
    if extension not in allowed:
        raise Refusal(
            FileCode.BAD_TYPE,
            f"“{name}”属于不支持的文件类型，此类型不允许上传；只能上传：{'、'.join(allowed)}。",
            f"“{name}”: this file type is not allowed; allowed types: {', '.join(allowed)}.",
        )
    if upload.size > settings.TAIZHANG_EVIDENCE_MAX_BYTES:
        limit = _max_mb()
        raise Refusal(
            FileCode.TOO_LARGE,
            f"“{name}”超过 {limit} MB 的上限。",
            f"“{name}” is larger than the {limit} MB limit.",
        )
    if upload.size == 0:
        raise Refusal(FileCode.EMPTY, f"“{name}”是空文件。", f"“{name}” is empty.")
    content_type = _EXTRA_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return CheckedUpload(upload, name[:255], content_type)


def upload_check_all(uploads: Sequence[UploadedFile]) -> list[CheckedUpload]:
    """``upload_check`` for each of at most ``MAX_FILES`` uploads; the first refusal refuses them all."""
    if len(uploads) > MAX_FILES:
        raise Refusal(
            FileCode.TOO_MANY, f"一次最多上传 {MAX_FILES} 个文件。", f"At most {MAX_FILES} files at once."
        )
    return [upload_check(upload) for upload in uploads]
