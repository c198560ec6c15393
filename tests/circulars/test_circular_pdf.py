"""Circulars and the ledger as printed: the built-in template filled with a long text and a long findings
table, made into a PDF by LibreOffice (taizhang.exports.pdf) once for the module, read back with
``pdftotext -bbox`` (word positions) and ``pdftoppm`` (the last page as a PNG), and checked as an
office would hold the paper: A4, the 版心 where GB/T 9704 puts it, 22 lines of 28 characters, table
rows whole with the header on each page, the 版记 at the foot of the last page. And the PDF routes:
a PDF when LibreOffice is installed, a 409 saying why and no link when it is not.

Needs LibreOffice and poppler-utils (scripts/system-deps.sh installs both); skipped, saying so, without.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from collections import defaultdict
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

from taizhang.circulars.rendering import BUILT_IN_TEMPLATE
from taizhang.circulars.titlelines import title_lines
from taizhang.circulars.wordtemplate import CircularText, FindingRow, fill
from taizhang.exports import pdf

pytestmark = pytest.mark.skipif(
    not (pdf.available() and shutil.which("pdftotext") and shutil.which("pdftoppm")),
    reason="LibreOffice or poppler-utils not installed (scripts/system-deps.sh)",
)

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
LEFT, TOP, RIGHT, BOTTOM = 28 * MM, 37 * MM, (210 - 26) * MM, (297 - 35) * MM  # the 版心's edges
FINDINGS = 36
TITLE = "关于2024年度党风廉政建设责任制考核结果的通报"
PARAGRAPH = (
    "各单位要对照通报的问题，认真剖析原因，逐项制定整改措施，明确整改责任人和整改时限，按期报送整改情况。"
)


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _words(path: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    pages, words = [], []
    for chunk in out.stdout.split("<page ")[1:]:
        size = re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk)
        pages.append((float(size[1]), float(size[2])))
        for m in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', chunk
        ):
            words.append(Word(len(pages), *map(float, m.groups()[:4]), unescape(m[5])))
    return pages, words


def _png_rows(path: Path) -> list[bytes]:
    """The rows of an 8-bit grey or RGB PNG (what pdftoppm writes), unfiltered, one darkness value a pixel
    (the darkest channel)."""
    data = path.read_bytes()
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert depth == 8 and colour in (0, 2)
    bpp = 1 if colour == 0 else 3
    idat, at = b"", 8
    while at < len(data):
        (length,), kind = struct.unpack(">I", data[at : at + 4]), data[at + 4 : at + 8]
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    stride = width * bpp
    raw, rows, previous = zlib.decompress(idat), [], bytes(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        previous = bytes(line)
        rows.append(bytes(min(line[x : x + bpp]) for x in range(0, stride, bpp)))
    return rows


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    body = ["各有关单位：", "一、基本情况"]
    body += [f"（{n}）" + PARAGRAPH * 3 for n in "一二三四五六七八"]
    findings = tuple(
        FindingRow(
            unit=f"U{i:02d}",
            problem=f"P{i:02d}a " + "公务接待台账不全" * (1 + i % 5) + f" P{i:02d}z",
            severity="一般",
            requirement="立行立改，按期报送整改情况",
        )
        for i in range(FINDINGS)
    )
    text = CircularText(
        issuer="示范区惩防办",
        doc_number="示惩防办〔2024〕1号",
        title=TITLE,
        body="\n".join(body),
        date="2024年3月5日",
        findings=findings,
        copy_to="区委办公室、区政府办公室",
        title_lines=title_lines(TITLE),
    )
    folder = tmp_path_factory.mktemp("printed")
    path = folder / "circular.pdf"
    path.write_bytes(pdf.to_pdf(fill(BUILT_IN_TEMPLATE.read_bytes(), text), suffix=".docx"))
    pages, words = _words(path)
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-png",
            "-r",
            "72",
            "-f",
            str(len(pages)),
            "-l",
            str(len(pages)),
            path,
            folder / "last",
        ],
        check=True,
    )
    (png,) = folder.glob("last*.png")
    return pages, words, png


def _lines(words: list[Word], page: int) -> dict[float, list[Word]]:
    """Words of the body on ``page`` by line (their top rounded), the page number left out."""
    lines = defaultdict(list)
    for word in words:
        if word.page == page and word.y1 <= BOTTOM + 1:
            lines[round(word.y0)].append(word)
    return lines


def test_every_page_is_a4(printed):
    pages, _words, _png = printed
    assert len(pages) >= 4
    assert all(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in pages)


def test_the_body_fills_the_type_area_22_lines_of_28_characters(printed):
    _pages, words, _png = printed
    lines = _lines(words, 2)  # a page of body text only
    assert len(lines) == 22
    text = [w for line in lines.values() for w in line]
    assert abs(min(w.x0 for w in text) - LEFT) < 2  # 28 mm from the left edge
    assert RIGHT - 6 < max(w.x1 for w in text) <= RIGHT + 1  # justified up to 26 mm from the right
    assert TOP - 1 < min(w.y0 for w in text) < TOP + 14  # the first line's glyphs just under 37 mm
    assert max(w.y1 for w in text) <= BOTTOM + 1  # and the last above 35 mm from the bottom
    widths = ["".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines.values()]
    assert max(len(t) for t in widths) == 28


def test_the_title_breaks_between_words(printed):
    _pages, words, _png = printed
    lines = _lines(words, 1)
    texts = ["".join(w.text for w in sorted(lines[y], key=lambda w: w.x0)) for y in sorted(lines)]
    at = texts.index("关于2024年度党风廉政建设")
    assert texts[at + 1] == "责任制考核结果的通报"  # split at 建设|责任制, not where the 20th character fell


def test_table_rows_stay_whole_and_the_header_repeats(printed):
    _pages, words, _png = printed
    where = {w.text: w.page for w in words}
    for i in range(FINDINGS):
        assert where[f"U{i:02d}"] == where[f"P{i:02d}a"] == where[f"P{i:02d}z"], f"row {i} is cut"
    table_pages = {where[f"U{i:02d}"] for i in range(FINDINGS)}
    assert len(table_pages) >= 3
    headers = {w.page for w in words if w.text == "整改要求"}
    assert table_pages <= headers


def test_the_record_is_at_the_foot_of_the_last_page(printed):
    pages, words, _png = printed
    last = len(pages)
    copy_to = next(w for w in words if w.text.startswith("抄送"))
    printed_on = next(w for w in words if w.text.endswith("印发"))
    assert copy_to.page == printed_on.page == last
    assert BOTTOM - 30 < printed_on.y1 <= BOTTOM + 1  # on the last line of the 版心
    assert printed_on.y0 - 35 < copy_to.y0 < printed_on.y0  # 抄送 on the line above
    assert copy_to.x0 > LEFT + 10 and printed_on.x1 < RIGHT - 10  # one character in from each edge


def test_the_record_rules_span_the_type_area_on_the_png(printed):
    _pages, words, png = printed
    rows = _png_rows(png)  # 72 dpi: one pixel a point
    left, right = round(LEFT), round(RIGHT)
    ruled = [y for y, row in enumerate(rows) if sum(v < 128 for v in row[left:right]) > 0.95 * (right - left)]
    copy_to = next(w for w in words if w.text.startswith("抄送"))
    below_text = [y for y in ruled if y > copy_to.y0 - 25]  # the 抄送 line is 28.95 pt high
    # three rules (thick, thin, thick), each a pixel or two: above 抄送, between, and under 印发
    groups = [y for i, y in enumerate(below_text) if i == 0 or y - below_text[i - 1] > 2]
    assert len(groups) == 3
    assert groups[-1] <= BOTTOM + 2
