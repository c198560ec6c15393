import csv
import io

from taizhang.exports.ledger_csv import write_ledger_csv
from taizhang.exports.ledger_xlsx import LedgerRow

PATH = ["主要任务和责任分工", "加强宣传教育", "加强党风廉政教育"]


def read(rows: list[LedgerRow]) -> list[list[str]]:
    out = io.StringIO(newline="")
    write_ledger_csv(out, rows=rows)
    return list(csv.reader(io.StringIO(out.getvalue(), newline="")))


def test_csv_has_the_ledger_columns_and_the_full_heading_path_as_category():
    values = {"lead": "市委宣传部", "cooperating": "市纪委、市委党校"}
    rows = read([LedgerRow(PATH, "1", "深入开展廉洁从政教育。", values)])
    assert rows[0] == ["序号", "任务分类", "工作任务", "牵头单位", "配合单位", "完成时限"]
    assert rows[1] == ["1", " / ".join(PATH), "深入开展廉洁从政教育。", "市委宣传部", "市纪委、市委党校", ""]


def test_csv_index_runs_1_to_n_and_optional_columns_appear_only_when_filled():
    rows = read([LedgerRow(PATH, "1", "甲", {}), LedgerRow(PATH, "1", "乙", {"leaders": "王五"})])
    assert rows[0][-1] == "责任领导" and "责任人" not in rows[0]
    assert [r[0] for r in rows[1:]] == ["1", "2"]


def test_csv_cells_that_look_like_formulas_get_an_apostrophe():
    rows = read([LedgerRow(["=cmd"], "1", "=1+1", {"lead": "@SUM(A1)", "deadline": "-2+3"})])
    assert rows[1][1:4] == ["'=cmd", "'=1+1", "'@SUM(A1)"] and rows[1][5] == "'-2+3"


def test_csv_text_written_with_a_bom_round_trips_as_chinese(tmp_path):
    target = tmp_path / "台账.csv"
    with target.open("w", encoding="utf-8-sig", newline="") as f:  # the caller's job, as documented
        write_ledger_csv(f, rows=[LedgerRow(PATH, "1", "完善党委（党组）学习制度", {"lead": "市委宣传部"})])
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f))[1][2] == "完善党委（党组）学习制度"
