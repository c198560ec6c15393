"""How an exported sheet prints and types its cells, shared by every .xlsx the system writes (台账, 得分表,
整改台账, 审计日志): values as numbers and dates, row heights that fit wrapped text, column widths and page
setup that keep the print readable. No Django import.

Printing. Excel and LibreOffice shrink a sheet set to "fit to 1 page wide" as far as it takes, so a wide
table used to print at 5–6 pt. Here the widths are chosen first: a table wider than an A4 landscape page
holds at ``MIN_SCALE`` (9 pt for an 11 pt body) has its wrapping columns narrowed (their rows grow taller),
so fit-to-width never shrinks below it. Only a table that cannot fit even then (a score sheet with many
indicators) prints at ``MIN_SCALE`` across several pages wide, its first columns repeated on each.

Row heights. Excel autofits a row only when it edits it, and never a row with merged cells; WPS and the
printers' drivers keep the height stored in the file. So each row's height is estimated from its text: a
line holds as many width units as the column is wide, a CJK character counting two.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl.worksheet.page import PageMargins

BODY_PT = 11.0
MIN_SCALE = 0.82  # 9 pt of an 11 pt body; also the scale of a sheet printed several pages wide
LINE_PT = 16.2  # a line of 11 pt 宋体: 14.25 pt in Excel, 16 pt in LibreOffice (Noto CJK stands in for 宋体)
MAX_ROW_PT = 409.0  # Excel's highest row
MIN_WRAP_WIDTH = 8.0  # four CJK characters: a column narrower than that reads as a stack of characters

# A4 landscape, 0.5" margins each side: 10.69" at 96 px per inch. A column of width w (in the default font's
# digit widths, 7 px for 11 pt Calibri) takes 7w + 5 px.
MARGIN_IN = 0.5
PRINTABLE_PX = (11.69 - 2 * MARGIN_IN) * 96
DIGIT_PX, COLUMN_PAD_PX = 7.0, 5.0

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
Value = str | int | float | Decimal | date | None

# East Asian wide and full-width characters (CJK, kana, hangul, full-width punctuation and forms).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)


def text_units(text: str) -> int:
    """The width of ``text`` in column units: one per character, two per CJK character."""
    return len(text) + len(_WIDE.findall(text))


# What wraps as one: a run of Latin letters and digits (2021, 2021-05-31, a word), else one character.
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:%/_-]*|.", re.S)
# Characters a line may not start with (避头): the renderer pulls the character before them down too.
_NO_START = frozenset("，。、；：？！）》」』】〕”’…,.;:?!)]%")


@functools.lru_cache(maxsize=8192)  # a task's text, a unit's name, a light's reason repeat on many rows
def line_count(text: str, width: float) -> int:
    """The lines ``text`` takes wrapped in a column ``width`` wide, by laying it out as Excel and LibreOffice
    do: a line holds the column's digit widths less the cell's padding (one unit less again, for rounding); a
    number or Latin word moves whole to the next line; a closing mark (，。）) does not start a line but
    takes the character before it along."""
    capacity = max(2, int((width * DIGIT_PX - 2) / (DIGIT_PX * 1.05)) - 1)
    return sum(_lines(part, capacity) for part in text.split("\n"))


_UNITS: dict[str, int] = {}  # character -> its width units, learnt as met (a ledger uses a few thousand)


def _lines(part: str, capacity: int) -> int:
    units = text_units(part)
    if units <= capacity:
        return 1
    lines, used, last = 1, 0, 0
    for token in _TOKEN.findall(part):
        if len(token) > 1:  # a Latin run: single width
            size = len(token)
        elif (size := _UNITS.get(token, 0)) == 0:
            size = _UNITS[token] = text_units(token)
        if used + size <= capacity:
            used, last = used + size, size
        elif token in _NO_START:
            lines, used = lines + 1, last + size
        else:
            extra, used = divmod(size, capacity) if size > capacity else (0, size)
            lines, last = lines + 1 + extra, size
    return lines


def row_height(cells: Sequence[tuple[str, float]], size: float = BODY_PT) -> float:
    """The height (pt) of a row whose wrapped cells are ``(text, column width)``, for a font of ``size``."""
    lines = max((line_count(text, width * BODY_PT / size) for text, width in cells if text), default=1)
    return min(MAX_ROW_PT, round(lines * LINE_PT * size / BODY_PT + 2, 1))


def display_width(value: Value) -> float:
    """The width a number or date needs, which does not wrap (Excel shows #### in a narrower column)."""
    if isinstance(value, datetime):  # with room for a CJK font's wider digits (宋体 stood in for on Linux)
        return 19.0
    if isinstance(value, date):
        return 13.0
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return len(f"{value}") + 2.5
    return 0.0


def number_format(value: Value, column_format: str | None = None) -> str | None:
    """The format a cell shows ``value`` in: the column's when it declares one, else a date's."""
    if isinstance(value, datetime):
        return column_format or DATETIME_FORMAT
    if isinstance(value, date):
        return column_format or DATE_FORMAT
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return column_format
    return None


def _px(widths: Sequence[float]) -> float:
    return sum(w * DIGIT_PX + COLUMN_PAD_PX for w in widths)


def print_scale(widths: Sequence[float]) -> float:
    """The scale "fit to 1 page wide" gives columns of ``widths`` on A4 landscape (1 when they fit)."""
    return min(1.0, PRINTABLE_PX / _px(widths))


def fit_widths(widths: Sequence[float], minimums: Sequence[float | None]) -> list[float]:
    """Narrow the columns until one page wide prints at ``MIN_SCALE`` or larger. ``minimums[i]`` is None for
    a column that keeps its width (序号, a number) and else the narrowest it may get; the wrapping columns
    give up width in proportion to their width (wide text columns most), none below its minimum."""
    out = list(widths)
    budget = PRINTABLE_PX / MIN_SCALE
    for _ in range(len(out)):  # each pass pins at least one more column at its minimum
        over = _px(out) - budget
        free = [i for i, m in enumerate(minimums) if m is not None and out[i] > m]
        if over <= 0 or not free:
            break
        share = sum(out[i] for i in free)
        factor = max(0.0, 1 - over / DIGIT_PX / share)
        for i in free:
            out[i] = max(minimums[i], out[i] * factor)  # type: ignore[arg-type]
    return [math.floor(w * 2) / 2 for w in out]  # half units, rounded down: never over the budget


def page_setup(ws, *, title_rows: int, widths: Sequence[float], title_cols: str | None = None) -> None:
    """A4 landscape, the first ``title_rows`` rows printed on every page, page numbers in the footer; one
    page wide when ``widths`` fit at ``MIN_SCALE``, else at ``MIN_SCALE`` across several pages, each
    repeating ``title_cols`` (``"A:B"``: the columns that say whose row it is)."""
    ws.print_title_rows = f"1:{title_rows}"
    ws.page_setup.paperSize = 9  # A4 (the constant is not on a write-only sheet)
    ws.page_setup.orientation = "landscape"
    if print_scale(widths) >= MIN_SCALE - 0.005:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # 0: as many pages tall as needed
    else:
        ws.page_setup.scale = round(MIN_SCALE * 100)
        if title_cols:
            ws.print_title_cols = title_cols
    ws.page_margins = PageMargins(
        left=MARGIN_IN, right=MARGIN_IN, top=0.5, bottom=0.6, header=0.3, footer=0.3
    )
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str) -> str:
    """A worksheet name Excel accepts: none of ``[]:*?/\\``, at most 31 characters."""
    return _SHEET_UNSAFE.sub("_", name).strip("'")[:31] or "Sheet1"
