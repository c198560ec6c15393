"""``taizhang import_regulations FILE --region NAME [--dry-run]``."""

import pytest
from django.core.management import CommandError, call_command

from taizhang.regulations.models import Regulation
from tests.regulations.test_catalogue_import import GOOD, workbook


@pytest.fixture
def catalogue(tmp_path):
    def write(*rows, name="目录.xlsx"):
        path = tmp_path / name
        path.write_bytes(workbook(*rows).getvalue())
        return path

    return write


def test_the_command_imports_and_says_how_many(city, catalogue, capsys):
    call_command("import_regulations", str(catalogue(*GOOD)), "--region", "甲市")
    assert Regulation.objects.filter(region=city.region).count() == 4
    assert "新增 4" in capsys.readouterr().out


def test_dry_run_writes_nothing(city, catalogue):
    call_command("import_regulations", str(catalogue(*GOOD)), "--region", "甲市", "--dry-run")
    assert not Regulation.objects.exists()


def test_bad_rows_exit_2_with_each_problem_on_stderr_and_nothing_saved(city, catalogue, capsys):
    bad = catalogue(*GOOD, ("", "x", "", "", "", ""), ("某天", "", "制度", "", "", ""))
    with pytest.raises(CommandError) as caught:
        call_command("import_regulations", str(bad), "--region", "甲市")
    assert caught.value.returncode == 2
    assert str(caught.value) == "目录有 2 处问题，未导入"
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "第 8 行：缺少制度名称。"
    assert err[1].startswith("第 9 行：日期“某天”无法识别。")
    assert not Regulation.objects.exists()


def test_one_bad_row_is_the_one_line_error(city, catalogue):
    bad = catalogue(*GOOD, ("", "x", "", "", "", ""))
    with pytest.raises(CommandError, match=r"^第 8 行：缺少制度名称。$"):
        call_command("import_regulations", str(bad), "--region", "甲市")


@pytest.mark.parametrize("name", ["目录.xls", "目录.csv"])
def test_other_formats_exit_2(city, catalogue, name):
    with pytest.raises(CommandError, match=r"只能导入 \.xlsx") as caught:
        call_command("import_regulations", str(catalogue(*GOOD, name=name)), "--region", "甲市")
    assert caught.value.returncode == 2
