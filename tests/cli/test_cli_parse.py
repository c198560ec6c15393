"""`taizhang parse` and `taizhang units`, run as a user would, in process."""

import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from taizhang.cli import main

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
PLAN_000 = SEEDS / "000_00d90683dea27ec7.txt"
PLAN_004 = SEEDS / "004_93fe00d8dcbc73d5.txt"


def test_parse_prints_unescaped_json_to_stdout(capsys):
    assert main(["parse", str(PLAN_004)]) == 0
    out = capsys.readouterr().out
    assert "区委组织部" in out  # not \\u escapes
    data = json.loads(out)
    assert data["task_count"] == 134
    assert data["tasks"][0]["line"] == 16


def test_parse_writes_the_ledger_xlsx_with_every_task(tmp_path):
    out = tmp_path / "ledger.xlsx"
    assert main(["parse", str(PLAN_000), "--format", "xlsx", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out).active
    texts = [c.value for c in ws["C"] if c.value]
    assert "深入开展理想信念和廉洁从政教育。" in texts
    assert ws.freeze_panes is not None
    assert ws.page_setup.orientation == "landscape" and ws.title == "任务台账"
    headers = [c.value for c in next(r for r in ws.iter_rows() if r[0].value == "序号")]
    assert headers[:6] == ["序号", "任务分类", "工作任务", "牵头单位", "配合单位", "完成时限"]


def test_responsible_units_appear_in_the_lead_column(tmp_path):
    out = tmp_path / "ledger.xlsx"
    main(["parse", str(PLAN_000), "--format", "xlsx", "-o", str(out)])
    values = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "市治理商业贿赂领导小组及其办公室" in values


def test_parse_csv_to_a_file_starts_with_a_bom_for_excel(tmp_path):
    out = tmp_path / "ledger.csv"
    assert main(["parse", str(PLAN_004), "--format", "csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert len(raw.decode("utf-8-sig").strip().splitlines()) == 135


def test_xlsx_without_an_output_file_is_refused(capsys):
    assert main(["parse", str(PLAN_004), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content", [b"", b"%PDF-1.4 scanned", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)]
)
def test_bad_input_exits_2_with_a_one_line_reason_in_the_operators_language(tmp_path, capsys, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    out = tmp_path / "out.xlsx"
    assert main(["parse", str(path), "--format", "xlsx", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    reason = err.rsplit(": ", 1)[-1]
    assert re.search(r"[\u4e00-\u9fff]", reason) and " / " not in reason
    with translation.override("en"):
        assert main(["parse", str(path), "--format", "xlsx", "-o", str(out)]) == 2
    reason = capsys.readouterr().err.strip().rsplit(": ", 1)[-1]
    assert not re.search(r"[\u4e00-\u9fff]", reason)
    assert not out.exists()


def test_units_counts_lead_and_cooperating_tasks_across_files(capsys):
    assert main(["units", str(PLAN_000), str(PLAN_004), "--format", "json"]) == 0
    rows = {r["unit"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["区纪委"]["lead"] == 45
    assert rows["市纪委"]["responsible"] == 1
    assert rows["各单位"]["cooperating"] == 29


def test_units_table_lists_the_busiest_unit_first(capsys):
    assert main(["units", str(PLAN_000)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["单位", "牵头", "负责", "配合"]
    assert lines[1].split()[0] == "市纪委"


def test_units_with_one_unreadable_file_names_it_and_exits_2(tmp_path, capsys):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4")
    assert main(["units", str(PLAN_000), str(bad)]) == 2
    assert "scan.pdf" in capsys.readouterr().err


def test_the_ledger_xlsx_it_writes_parses_back_to_the_same_tasks(tmp_path, capsys):
    out = tmp_path / "ledger.xlsx"
    assert main(["parse", str(PLAN_004), "--format", "xlsx", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["parse", str(out)]) == 0
    back = json.loads(capsys.readouterr().out)
    assert main(["parse", str(PLAN_004)]) == 0
    original = json.loads(capsys.readouterr().out)
    fields = ("text", "cooperating", "deadline")
    assert back["task_count"] == original["task_count"] == 134
    for got, want in zip(back["tasks"], original["tasks"], strict=True):
        assert [got[f] for f in fields] == [want[f] for f in fields]
        assert "/".join(got["section_path"]) == "/".join(want["section_path"])  # the 任务分类 cell joins them
        assert got["lead"] + got["responsible"] == want["lead"] + want["responsible"]  # one 牵头单位 column


def test_a_file_named_docx_that_is_an_old_doc_exits_2_saying_it_is_not_a_word_file(tmp_path, capsys):
    fake = tmp_path / "方案.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))
    assert main(["parse", str(fake)]) == 2
    err = capsys.readouterr().err
    assert "“方案.docx”不是 Word 文件" in err and "另存为 .docx" in err and "Traceback" not in err
