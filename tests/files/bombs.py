"""Zip bombs made on the fly, never written unpacked: a .docx whose document part unpacks to 10 MB of XML,
a .docx whose part unpacks to 1 GB of zeros (streamed through ``ZipFile.open(name, "w")`` in chunks), and
an .xlsx whose sheet holds a million rows."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.files.samples import docx_bytes, xlsx_bytes

_MB = 1024 * 1024


def _replace_part(package: bytes, part: str, write) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        for item in source.infolist():
            if item.filename != part:
                zf.writestr(item, source.read(item))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1  # fastest: zeros pack as well at level 1
        with zf.open(info, "w", force_zip64=True) as target:
            write(target)
    return out.getvalue()


def docx_of_10_mb_xml() -> bytes:
    """About 110 KB that unpack to 10 MB of a valid-looking document.xml."""

    def write(target):
        target.write(
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            b'wordprocessingml/2006/main"><w:body>'
        )
        paragraph = b"<w:p><w:r><w:t>" + "加强廉政教育".encode() * 8 + b"</w:t></w:r></w:p>"
        for _ in range(10 * _MB // len(paragraph)):
            target.write(paragraph)
        target.write(b"</w:body></w:document>")

    return _replace_part(docx_bytes(), "word/document.xml", write)


def docx_of_1_gb(path: Path) -> Path:
    """About 5 MB on disk that unpack to 1 GB; zeros compressed as they stream, so nothing big is held."""
    chunk = bytes(_MB)

    def write(target):
        for _ in range(1024):
            target.write(chunk)

    path.write_bytes(_replace_part(docx_bytes(), "word/document.xml", write))
    return path


def xlsx_of_a_million_rows() -> bytes:
    """About 50 KB: a sheet of 1,000,000 rows, each one cell (rows without numbers pack densely)."""

    def write(target):
        target.write(
            b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>'
        )
        for _ in range(1_000_000):
            target.write(b"<row><c><v>1</v></c></row>")
        target.write(b"</sheetData></worksheet>")

    return _replace_part(xlsx_bytes(), "xl/worksheets/sheet1.xml", write)
