"""The checks every upload passes before anything is stored: the allow-list of its use, the size limit
(``TAIZHANG_EVIDENCE_MAX_BYTES``), no empty file, not too many at once, and its content: the bytes decide
the type (``files.sniff``) and the extension must agree; programs, scripts, HTML/SVG and the EICAR test file
are refused whatever their name; a zip package is checked against the zip limits before anything unpacks it
(``lib.ooxml``); and, when ``TAIZHANG_CLAMD_SOCKET`` is set, clamd scans it (``files.antivirus``).

A service calls ``upload_check`` (or ``upload_check_all``) with its other checks, before its transaction,
so a refused file leaves nothing behind; then, in its transaction, ``files.services.attach``. A service
that reads a file itself (a plan, a template, a catalogue) calls ``content_check`` with its use."""

from __future__ import annotations

import io
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from taizhang.files.antivirus import ScanFailed, clamd_scan
from taizhang.files.codes import FileCode
from taizhang.files.sniff import ARCHIVES, HEAD_BYTES, sniff, sniff_head
from taizhang.files.uses import KIND_EXTENSIONS, KIND_LABELS, Use, allowed_types
from taizhang.lib.ooxml import ZipRefused, check_zip
from taizhang.lib.refusal import Refusal
from taizhang.lib.sheets import BadFile, Problem, SheetRefusal

MAX_FILES = 20  # in one call of a service that takes several files
_EXTRA_TYPES = {"ofd": "application/ofd"}  # types mimetypes does not know
_CHECKED = "_taizhang_checked"  # upload_check's answers, kept on the upload
ZIP_CODES = {  # lib.ooxml.ZipRefused.kind → code
    "not_zip": FileCode.BAD_PACKAGE,
    "unpacked_too_large": FileCode.UNPACKED_TOO_LARGE,
    "too_many_parts": FileCode.TOO_MANY_PARTS,
    "ratio_too_high": FileCode.RATIO_TOO_HIGH,
    "too_many_rows": FileCode.TOO_MANY_ROWS,
}


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


def clean_name(name: str | None) -> str:
    """The file's own name, any path dropped."""
    return PurePath((name or "").replace("\\", "/")).name.strip()


def zip_refusal(refused: ZipRefused) -> Refusal:
    """The files app's refusal for a package over the zip limits (``lib.ooxml``)."""
    return Refusal(ZIP_CODES[refused.kind], refused.zh, refused.en)


def upload_check(upload: UploadedFile, *, use: Use = Use.EVIDENCE) -> CheckedUpload:
    """The upload with its original name (any path dropped) and its content type, or a ``Refusal`` for a
    type outside the use's allow-list, a size over ``TAIZHANG_EVIDENCE_MAX_BYTES``, an empty file, or
    content refused by ``content_check``. Never trusts what the browser claims. Stores nothing.

    The result is kept on the upload, per use: a page's form checks its files (``files.forms.FilesField``)
    and the service it calls checks them again, as it must for the API and commands; the second call takes
    the first one's answer instead of reading, unpacking and sending the file to clamd once more."""
    checked: dict[Use, CheckedUpload] = upload.__dict__.setdefault(_CHECKED, {})
    if use not in checked:
        checked[use] = _upload_check(upload, use)
    return checked[use]


def _upload_check(upload: UploadedFile, use: Use) -> CheckedUpload:
    name = clean_name(upload.name)
    extension = _extension(name)
    _check_allowed(name, extension, use)
    if upload.size > settings.TAIZHANG_EVIDENCE_MAX_BYTES:
        limit = _max_mb()
        raise Refusal(
            FileCode.TOO_LARGE,
            f"“{name}”超过 {limit} MB 的上限。",
            f"“{name}” is larger than the {limit} MB limit.",
        )
    if upload.size == 0:
        raise Refusal(FileCode.EMPTY, f"“{name}”是空文件。", f"“{name}” is empty.")
    content_check(upload, name=name, use=use)
    content_type = _EXTRA_TYPES.get(extension) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return CheckedUpload(upload, name[:255], content_type)


def upload_check_all(uploads: Sequence[UploadedFile], *, use: Use = Use.EVIDENCE) -> list[CheckedUpload]:
    """``upload_check`` for each of at most ``MAX_FILES`` uploads; the first refusal refuses them all."""
    if len(uploads) > MAX_FILES:
        raise Refusal(
            FileCode.TOO_MANY, f"一次最多上传 {MAX_FILES} 个文件。", f"At most {MAX_FILES} files at once."
        )
    return [upload_check(upload, use=use) for upload in uploads]


def content_check(fileobj: IO[bytes], *, name: str, use: Use) -> str:
    """The kind of the file's content (``files.sniff``), or a ``Refusal``: what ``screen`` refuses, a
    damaged zip package (``bad_package``), an archive where the extension names none (``archive``), content
    that is not what the extension says (``type_mismatch``). ``fileobj`` must be seekable; it is left at
    its start."""
    kind = _screen(fileobj, name=name, use=use, whole_package=True)
    _check_kind(clean_name(name), _extension(clean_name(name)), kind)
    return kind


def screen(fileobj: IO[bytes], *, name: str, use: Use) -> str:
    """What every upload must pass, whatever reads it next; the kind of its content. A ``Refusal`` for its
    extension off the use's allow-list (``bad_type``), a program or script (``executable``), HTML/SVG or
    script (``active_content``), the EICAR test file or what clamd found (``virus``), a zip package over the
    limits (``unpacked_too_large``, ``too_many_parts``, ``ratio_too_high``), no verdict from a configured
    clamd (``scan_failed``).

    For a reader that types the file by its content itself and says what to do with the wrong one (the
    plan parser: "save the .doc as .docx"; the template and catalogue readers): it calls ``screen``, then
    refuses with its own advice whatever it cannot read. Evidence, stored as it is, goes through
    ``content_check``, which also makes the extension agree with the content."""
    return _screen(fileobj, name=name, use=use, whole_package=False)


def _screen(fileobj: IO[bytes], *, name: str, use: Use, whole_package: bool) -> str:
    name = clean_name(name)
    extension = _extension(name)
    _check_allowed(name, extension, use)
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    if not head:
        if whole_package:
            raise Refusal(FileCode.EMPTY, f"“{name}”是空文件。", f"“{name}” is empty.")
        return "unknown"
    kind = sniff_head(head)
    if kind == "zip":
        try:
            check_zip(fileobj)
        except ZipRefused as refused:
            if whole_package or refused.kind != "not_zip":
                raise _named(zip_refusal(refused), name) from None
        kind = sniff(fileobj)
    _check_refused(name, kind)
    if settings.TAIZHANG_CLAMD_SOCKET:
        _scan(fileobj, name)
    return kind


def _check_refused(name: str, kind: str) -> None:
    if kind == "eicar":
        raise Refusal(
            FileCode.VIRUS,
            f"“{name}”含有病毒特征（EICAR 测试文件），不允许上传。",
            f"“{name}” carries a virus signature (the EICAR test file) and cannot be uploaded.",
        )
    if kind == "executable":
        raise Refusal(
            FileCode.EXECUTABLE,
            f"“{name}”是可执行程序或脚本，不允许上传。",
            f"“{name}” is a program or a script and cannot be uploaded.",
        )
    if kind == "markup":
        raise Refusal(
            FileCode.ACTIVE_CONTENT,
            f"“{name}”是网页、SVG 或含有脚本的文件，不允许上传。",
            f"“{name}” is a web page, an SVG or a file carrying script and cannot be uploaded.",
        )


def _check_kind(name: str, extension: str, kind: str) -> None:
    if extension in KIND_EXTENSIONS.get(kind, ()):
        return
    zh, en = KIND_LABELS.get(kind, KIND_LABELS["unknown"])
    if kind in ARCHIVES:
        raise Refusal(
            FileCode.ARCHIVE,
            f"“{name}”实际是{zh}，此处不接受压缩包；请解压后上传其中的文件。",
            f"“{name}” is in fact {en}; archives are not taken here: unpack it and upload the files.",
        )
    raise Refusal(
        FileCode.TYPE_MISMATCH,
        f"“{name}”的内容是{zh}，与扩展名 .{extension} 不符；请上传真实的 .{extension} 文件。",
        f"“{name}” holds {en}, which does not match its .{extension} extension.",
    )


def _scan(fileobj: IO[bytes], name: str) -> None:
    try:
        found = clamd_scan(
            fileobj, address=settings.TAIZHANG_CLAMD_SOCKET, timeout=settings.TAIZHANG_CLAMD_TIMEOUT
        )
    except ScanFailed:
        raise Refusal(
            FileCode.SCAN_FAILED,
            f"病毒查杀服务暂不可用，“{name}”未上传；请稍后再试，或请系统管理员检查查杀服务。",
            f"The virus scanner is not answering, so “{name}” was not uploaded; try again later "
            "or ask the system administrator to check the scanner.",
        ) from None
    if found:
        raise Refusal(
            FileCode.VIRUS,
            f"“{name}”含有病毒（{found}），不允许上传。",
            f"“{name}” carries a virus ({found}) and cannot be uploaded.",
        )


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _check_allowed(name: str, extension: str, use: Use) -> None:
    allowed = allowed_types(use)
    if extension not in allowed:
        raise Refusal(
            FileCode.BAD_TYPE,
            f"“{name}”属于不支持的文件类型，此类型不允许上传；只能上传：{'、'.join(allowed)}。",
            f"“{name}”: this file type is not allowed; allowed types: {', '.join(allowed)}.",
        )


def _named(refusal: Refusal, name: str) -> Refusal:
    return Refusal(refusal.code, f"“{name}”：{refusal.zh}", f"“{name}”: {refusal.en}")


def screened_sheet(fileobj: IO[bytes], *, name: str, use: Use, refusal: type[SheetRefusal]) -> IO[bytes]:
    """An office's sheet (制度目录, 通讯录 …) ready to read: made seekable and ``screen``ed; a refusal is
    raised as the importer's ``refusal``, keeping the files code (``executable``, ``ratio_too_high`` …)."""
    seekable = fileobj if fileobj.seekable() else io.BytesIO(fileobj.read())
    try:
        screen(seekable, name=name, use=use)
    except Refusal as refused:
        raise refusal([Problem(None, refused.zh, refused.en)], code=refused.code) from None
    return seekable


def sheet_unreadable(exc: BadFile, refusal: type[SheetRefusal]) -> SheetRefusal:
    """The importer's refusal for a sheet its reader could not read, keeping a zip limit's files code."""
    return refusal([exc.problem], code=ZIP_CODES[exc.code] if exc.code else None)
