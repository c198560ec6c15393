"""The ledger .xlsx as printed: rendered to PDF by LibreOffice (as an office printing it would), then read
back word by word with poppler's ``pdftotext -bbox``: the text is 9 pt or more, the table one page wide, and
every row's text is on paper whole (a row too short for its wrapped text is cut off where it ends).

Needs ``soffice`` and ``pdftotext`` (skipped without them) and the Carlito font (scripts/system-deps.sh),
which has Calibri's metrics: column widths are counted in the default font's digits, so without it the
columns print wider than Excel prints them."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from taizhang.exports.ledger_xlsx import CATEGORY, INDEX, TEXT, Column, LedgerRow, write_ledger_xlsx

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice or poppler missing"
)

# The per-unit ledger's columns (ledger.export.COLUMNS): 275 units wide, which printed at 6 pt before.
COLUMNS = (
    Column(INDEX, "序号", 6, wrap=False),
    Column(CATEGORY, "任务分类", 14),
    Column(TEXT, "工作任务", 44),
    Column("role", "职责", 7),
    Column("unit", "单位", 20),
    Column("leader", "责任领导", 11),
    Column("persons", "责任人", 12),
    Column("duties", "履责要求", 26),
    Column("standard", "工作标准", 26),
    Column("deadline", "完成时限", 12),
    Column("milestones", "进度目标", 28),
    Column("progress", "最新进展", 40),
    Column("review", "审核状态", 11),
    Column("light", "红黄绿灯", 18),
)
TASK = "深入开展理想信念和廉洁从政教育，推进廉政文化进机关、进社区、进学校。"
PROGRESS = "推进中（2021年第一季度）：已制定实施方案并召开动员会。"


def _rows() -> list[LedgerRow]:
    rows = []
    for i in range(1, 10):
        values = {
            "role": "牵头", "unit": "市发展和改革委员会", "leader": "李副主任", "persons": "王五、赵六",
            "duties": "牵头制定实施方案" * i, "standard": "按期完成", "deadline": date(2021, 6, 30),
            "milestones": "制定实施方案（2021-05-31）", "progress": PROGRESS * (i % 5),
            "review": "已通过", "light": "红灯：完成时限已逾期 5 天",
        }  # fmt: skip
        rows.append(LedgerRow(["一 总体", "（一）加强教育"], str(i), TASK * (1 + i % 3), values))
    return rows


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> list[list[tuple[float, float, float, str]]]:
    """The PDF's words, page by page: (x min, x max, y min, text)."""
    folder = tmp_path_factory.mktemp("printed")
    write_ledger_xlsx(folder / "ledger.xlsx", title="测试方案台账", rows=_rows(), columns=COLUMNS)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf",
         "--outdir", str(folder), str(folder / "ledger.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(folder / "ledger.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
    return [
        [(float(x0), float(x1), float(y0), text) for x0, y0, x1, text in word.findall(page)]
        for page in xml.split("<page ")[1:]
    ]


def test_the_text_prints_at_9pt_or_more_on_a4_landscape(printed):
    # A CJK character is one em wide: 序号 is two of them.
    x0, x1, _, _ = next(w for w in printed[0] if w[3] == "序号")
    assert (x1 - x0) / 2 >= 8.9


def test_the_table_prints_one_page_wide(printed):
    assert all(x1 <= 842 - 30 for page in printed for _, x1, _, _ in page)  # A4 landscape is 842 pt wide


def _column(printed, first: str) -> str:
    """The text of the left-aligned column whose first row's text starts with ``first``, page by page, top
    to bottom: every line of its cells starts at the column's left edge."""
    left = next(x0 for page in printed for x0, _, _, t in page if t.startswith(first))
    return "".join(
        t for page in printed for _, _, t in sorted((y, x0, t) for x0, _, y, t in page if abs(x0 - left) < 1)
    )


def test_every_row_prints_whole_however_much_its_text_wraps(printed):
    rows = _rows()
    assert _column(printed, TASK[:4]) == "".join(r.text for r in rows)
    assert _column(printed, PROGRESS[:3]) == "".join(str(r.values["progress"]) for r in rows)
