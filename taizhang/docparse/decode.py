"""Bytes in, text or a .docx out — or a ParseError that says what the file is and what to do."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .model import ParseError
from .zipguard import ZipLimits, ZipRefused, check_zip

MAX_BYTES = 20 * 1024 * 1024

_MAGIC = (
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF8", "image"),
    (b"BM", None),  # too short a magic to trust alone; see _looks_binary
    (b"{\\rtf", "rtf"),
)
_ADVICE = {
    "pdf": (
        "PDF 文件无法解析，请上传 Word（.docx）或文本（.txt）格式的原文",
        "a PDF cannot be parsed: upload the Word (.docx) or text (.txt) original",
    ),
    "doc": (
        "旧版 Word（.doc）文件无法解析，请在 Word 或 WPS 中另存为 .docx 后上传",
        "old Word (.doc) files cannot be parsed: save it as .docx in Word or WPS and upload that",
    ),
    "image": (
        "图片无法解析，请上传 Word（.docx）或文本（.txt）格式的原文",
        "an image cannot be parsed: upload the Word (.docx) or text (.txt) original",
    ),
    "rtf": (
        "RTF 文件无法解析，请另存为 .docx 后上传",
        "RTF cannot be parsed: save it as .docx and upload that",
    ),
    "zip": (
        "这是一个压缩包而不是 Word 或 Excel 文件，请解压后上传其中的 .docx 或 .xlsx",
        "this is a zip archive, not a Word or Excel file: unpack it and upload the .docx or .xlsx inside",
    ),
}


def load(
    source: str | Path | bytes,
    filename: str | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    zip_limits: ZipLimits | None = None,
) -> tuple[str, str | bytes]:
    """("text", str), ("docx", bytes) or ("xlsx", bytes) for ``source``, a path or the file's bytes. A
    package is checked against ``zip_limits`` (``ZipLimits()`` unless given) before anything unpacks it.
    The bytes decide what the file is; a file named .docx or .xlsx whose bytes are something else is
    refused with what it really is (``not_docx``, ``not_xlsx``) rather than read as whatever it happens to
    be."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ParseError("unreadable", f"无法读取文件：{path}", f"cannot read the file: {path}") from exc
        _check_size(size, max_bytes)
        data = path.read_bytes()
    _check_size(len(data), max_bytes)
    if not data or data.isspace():  # ``not data.strip()``, without a copy of the file
        raise ParseError("empty", "文件是空的", "the file is empty")
    named = Path(filename).suffix.lower().lstrip(".") if filename else ""
    kind = _package_kind(data, zip_limits, named) if data[:4] == b"PK\x03\x04" else _binary_kind(data)
    if named in ("docx", "xlsx") and kind != named:
        if kind == "text":
            try:
                decode_text(data)
            except ParseError:
                kind = "unknown"
        raise not_what_it_says(filename, named, kind)
    if kind in ("docx", "xlsx"):
        return kind, data
    if kind in _ADVICE:
        raise ParseError(f"unsupported_{kind}", *_ADVICE[kind])
    if kind == "executable":
        raise _binary()
    return "text", decode_text(data)


def _binary_kind(data: bytes) -> str:
    """pdf, doc, image, rtf, executable, or text (which ``decode_text`` may still find to be binary)."""
    for magic, kind in _MAGIC:
        if kind and data.startswith(magic):
            return kind
    return "executable" if data[:2] == b"MZ" or data[:4] == b"\x7fELF" else "text"


# What a file is, for "“x.docx” is not a Word file: it is …" — and what to do about it.
_IS = {
    "docx": ("一个 Word 文档", "a Word document", "请把扩展名改为 .docx", "rename it to .docx"),
    "xlsx": ("一个 Excel 工作簿", "an Excel workbook", "请把扩展名改为 .xlsx", "rename it to .xlsx"),
    "zip": ("一个压缩包", "a zip archive", "请解压后上传其中的文件", "unpack it and upload the file inside"),
    "doc": (
        "旧版 Office 文件（.doc 或 .xls）改了扩展名",
        "an old Office file (.doc or .xls) renamed",
        "请在 Word、Excel 或 WPS 中打开并另存为 .docx 或 .xlsx",
        "open it in Word, Excel or WPS and save it as .docx or .xlsx",
    ),
    "pdf": ("一个 PDF 文件", "a PDF", "请上传方案的 Word 或 Excel 原文", "upload the Word or Excel original"),
    "image": ("一张图片", "an image", "请上传方案的 Word 或 Excel 原文", "upload the Word or Excel original"),
    "rtf": ("一个 RTF 文件", "an RTF file", "请另存为 .docx", "save it as .docx"),
    "executable": (
        "一个程序",
        "a program",
        "请核实文件来源，上传方案的 Word 或 Excel 原文",
        "check where it came from and upload the plan itself",
    ),
    "text": ("纯文本", "plain text", "请把扩展名改为 .txt", "rename it to .txt"),
}
_UNKNOWN = ("无法识别的内容", "content that cannot be recognised", "", "")
_NAMED = {"docx": ("Word", "Word"), "xlsx": ("Excel", "Excel")}


def not_what_it_says(filename: str, named: str, kind: str) -> ParseError:
    """The error for a file named .docx/.xlsx whose bytes are ``kind`` (a ``files.sniff``-like word)."""
    name = Path(filename).name
    zh_app, en_app = _NAMED[named]
    is_zh, is_en, do_zh, do_en = _IS.get(kind, _UNKNOWN)
    return ParseError(
        f"not_{named}",
        f"“{name}”不是 {zh_app} 文件，而是{is_zh}" + (f"：{do_zh}" if do_zh else ""),
        f"“{name}” is not {'a' if named == 'docx' else 'an'} {en_app} file but {is_en}"
        + (f": {do_en}" if do_en else ""),
    )


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise ParseError(
            "too_large",
            f"文件过大（{size // 1024} KB），上限为 {max_bytes // 1024} KB",
            f"the file is too large ({size // 1024} KB; the limit is {max_bytes // 1024} KB)",
        )


def _package_kind(data: bytes, zip_limits: ZipLimits | None, named: str) -> str:
    """docx, xlsx or zip (any other zip package), after the package passed the zip limits."""
    try:
        names = {part.filename for part in check_zip(data, zip_limits)}
    except ZipRefused as exc:
        if exc.kind == "not_zip" and named == "xlsx":
            raise ParseError(
                "corrupt_xlsx", "Excel 文件已损坏，无法打开", "the Excel file is damaged and cannot be opened"
            ) from exc
        if exc.kind == "not_zip":
            raise ParseError(
                "corrupt_docx", "Word 文件已损坏，无法打开", "the Word file is damaged and cannot be opened"
            ) from exc
        raise ParseError(exc.kind, exc.zh, exc.en) from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (with BOM, or detected by its zero bytes) or GB18030."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode(data, encoding)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(data, utf16)
    if b"\x00" in data:
        raise _binary()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # GB18030 is a superset of GBK and GB2312, the encodings of Chinese Windows.
        text = _decode(data, "gb18030")
    if _looks_binary(text):
        raise _binary()
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even_zeros = sample[0::2].count(0) / half
    odd_zeros = sample[1::2].count(0) / half
    # In UTF-16 the zero bytes come from ASCII (line ends, digits), so they sit on one side only.
    if odd_zeros > 0.005 and odd_zeros > 8 * even_zeros:
        return "utf-16-le"
    if even_zeros > 0.005 and even_zeros > 8 * odd_zeros:
        return "utf-16-be"
    return None


def _decode(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(
            "undecodable",
            "无法识别文件的文字编码，请另存为 UTF-8 或 Word（.docx）后上传",
            "cannot tell the text encoding: save the file as UTF-8 text or as .docx",
        ) from exc
    if _looks_binary(text):
        raise _binary()
    return text


_ODD = re.compile(r"[\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd]")


def _looks_binary(text: str) -> bool:
    """Control characters, private-use code points or replacement marks in more than 1% of the text."""
    sample = text[:8192]
    return bool(sample) and len(_ODD.findall(sample)) / len(sample) > 0.01


def _binary() -> ParseError:
    return ParseError("binary", "这不是文本或 Word 文件，无法解析", "this is neither a text nor a Word file")
