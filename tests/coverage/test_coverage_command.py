"""``taizhang coverage PLAN_ID``: the table (Chinese, aligned), json keys, the .xlsx, and bad input refused
with a message and a non-zero exit."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from taizhang.cli import main
from taizhang.lib.columns import display_width
from tests.coverage.world import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build()


def _run(*args) -> str:
    out = io.StringIO()
    call_command("coverage", *map(str, args), stdout=out)
    return out.getvalue()


def test_json_gives_number_covered_and_missing_per_task(world):
    data = json.loads(_run(world.plan.pk, "--format", "json"))
    assert data[0] == {"number": "1", "covered": ["乙市", "甲市", "甲一区"], "missing": []}
    assert data[3] == {"number": "2", "covered": [], "missing": ["乙市", "甲市"]}
    assert len(data) == 4


def test_the_table_is_chinese_and_aligned(world):
    lines = _run(world.city_a_plan.pk).splitlines()
    assert lines[0].split() == ["序号", "已落实", "缺项"]
    assert lines[1].split() == ["1", "甲一区", "甲二区"]
    assert lines[2].split() == ["2", "—", "甲一区、甲二区"]
    # the third column starts at the same terminal column on every line (a Chinese character is two)
    starts = {display_width(line[: line.rindex(line.split()[-1])]) for line in lines}
    assert len(starts) == 1


def test_xlsx_is_written_to_the_output_file(world, tmp_path):
    path = tmp_path / "coverage.xlsx"
    _run(world.plan.pk, "--format", "xlsx", "--output", path)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "省实施办法落实情况"
    assert not list(tmp_path.glob(".*.tmp"))


def test_xlsx_without_an_output_file_is_refused(world):
    with pytest.raises(CommandError, match="xlsx 需要 --output"):
        _run(world.plan.pk, "--format", "xlsx")


@pytest.mark.parametrize("bad", ["999999", "abc"])
def test_an_unknown_plan_is_refused_with_a_message_and_a_non_zero_exit(bad, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["coverage", bad])
    assert caught.value.code != 0
    assert f"没有 id 为 {bad} 的方案" in capsys.readouterr().err
