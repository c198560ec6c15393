"""What a file is, from its bytes (嗅探): magic numbers and, for a zip package, its structure. Never from
its name or from what the browser claims. ``files.checks`` compares the answer with the extension and the
allow-list of the use.

The kinds: ``pdf``; ``docx`` ``xlsx`` ``pptx`` (a zip with ``[Content_Types].xml`` naming the main part of
that kind; a macro-enabled main part is ``docm`` ``xlsm`` ``pptm``); ``ole`` (.doc, .xls, .ppt: the OLE2
compound file); ``ofd`` (a zip with ``OFD.xml``); ``jpeg`` ``png`` ``gif`` ``bmp`` ``tiff`` ``webp``;
``zip`` ``rar`` ``7z`` ``gzip`` (archives); ``text`` (UTF-8, GB18030 or UTF-16 with its BOM, no NULs);
and, refused wherever they come, ``executable``, ``markup`` (HTML or SVG, or text carrying script),
``eicar`` (the antivirus test file). ``unknown`` for anything else.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from typing import IO

HEAD_BYTES = 64 * 1024
_CONTENT_TYPES_MAX = 1024 * 1024

EICAR = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"
ARCHIVES = frozenset({"zip", "rar", "7z", "gzip"})
REFUSED = frozenset({"executable", "markup", "eicar"})

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "executable"),  # Windows .exe, .dll, .scr
    (b"\x7fELF", "executable"),
    (b"\xfe\xed\xfa\xce", "executable"),  # Mach-O, 32 and 64 bit, both byte orders, and universal
    (b"\xfe\xed\xfa\xcf", "executable"),
    (b"\xce\xfa\xed\xfe", "executable"),
    (b"\xcf\xfa\xed\xfe", "executable"),
    (b"\xca\xfe\xba\xbe", "executable"),
    (b"#!", "executable"),  # a script with its interpreter
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
)
# Markup a browser would run: HTML or SVG documents, and script, event handlers or javascript: URLs.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|svg|script|iframe|body|object|embed)\b|javascript:"
    rb"|\bon(?:load|error|click|focus|blur|submit|change|begin|end|mouse\w*|key\w*|animation\w*)\s*=",
    re.I,
)
_OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "docx",
    "application/vnd.ms-word.document.macroenabled.main+xml": "docm",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroenabled.main+xml": "xlsm",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.ms-powerpoint.presentation.macroenabled.main+xml": "pptm",
}
_OVERRIDE = re.compile(rb"<Override\b[^>]*>", re.I)
_ATTR = re.compile(rb'(PartName|ContentType)\s*=\s*"([^"]*)"', re.I)


def sniff(fileobj: IO[bytes]) -> str:
    """The kind of the file's content. Zip packages must already have passed ``lib.ooxml.check_zip``
    (the caller's job: only ``[Content_Types].xml``, at most 1 MB, is read from them). Leaves the file at
    its start."""
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    return sniff_head(head) if not head.startswith(b"PK\x03\x04") else _zip_kind(fileobj)


def sniff_head(head: bytes) -> str:
    """The kind from the first bytes alone (zip packages excepted: ``zip``)."""
    if EICAR in head:
        return "eicar"
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"BM") and len(head) > 18 and head[14] in (12, 40, 52, 56, 64, 108, 124):
        return "bmp"  # two letters are too few alone: the size of the header that follows must fit
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    text = _text(head)
    if text is None:
        return "unknown"
    return "markup" if _MARKUP.search(text) else "text"


def _text(head: bytes) -> bytes | None:
    """The head as ASCII-compatible bytes when it is text (for the markup search), else None."""
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            try:
                decoded = head[: len(head) // 2 * 2].decode("utf-16", errors="strict")
            except UnicodeDecodeError:
                return None
            return None if "\x00" in decoded else decoded.encode("utf-8")
    if b"\x00" in head:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            # a head cut at HEAD_BYTES may end inside a character: the incremental decoder allows that
            codecs.getincrementaldecoder(encoding)().decode(head, final=len(head) < HEAD_BYTES)
        except UnicodeDecodeError:
            continue
        return head
    return None


def _zip_kind(fileobj: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = {info.filename: info for info in archive.infolist()}
            if "OFD.xml" in names:
                return "ofd"
            types = names.get("[Content_Types].xml")
            if types is None or types.file_size > _CONTENT_TYPES_MAX:
                return "zip"
            content_types = archive.read(types)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        return "unknown"  # damaged, encrypted or a method zipfile cannot read
    finally:
        fileobj.seek(0)
    for override in _OVERRIDE.findall(content_types):
        attrs = {k.lower(): v for k, v in _ATTR.findall(override)}
        kind = _OOXML_MAIN.get(attrs.get(b"contenttype", b"").decode("ascii", "replace").lower())
        if kind and attrs.get(b"partname", b"").lstrip(b"/").decode("utf-8", "replace") in names:
            return kind
    return "zip"
