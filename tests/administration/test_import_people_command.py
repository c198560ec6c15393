"""``taizhang import_people``: the outcome of every row, problems with their rows in Chinese and English and
exit 2 with nothing written, a dry run that writes nothing, and the passwords file written atomically."""

from __future__ import annotations

import stat

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from taizhang.accounts.models import User
from taizhang.audit.models import AuditEvent
from tests.administration.conftest import workbook

ROWS = [
    ("甲区人民法院", "张三", "zhangsan", "联络员", "13800138000", ""),
    ("甲区审计局", "李四", "lisi", "单位负责人", "", ""),
]


@pytest.fixture
def sheet(tmp_path):
    def write(*rows, name="通讯录.xlsx"):
        path = tmp_path / name
        path.write_bytes(workbook(*rows).getvalue())
        return path

    return write


def test_the_command_imports_prints_each_row_and_writes_the_passwords(district, sheet, tmp_path, capsys):
    out = tmp_path / "passwords.xlsx"
    call_command("import_people", str(sheet(*ROWS)), "--region", "甲区", "--passwords", str(out))
    printed = capsys.readouterr().out
    assert "第 4 行：新建 zhangsan" in printed  # Chinese: the CLI's language (LANGUAGE_CODE)
    assert "（新单位）" in printed and "新建 2" in printed and "new unit" not in printed
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    handed = {r[2]: r[3] for r in rows[1:3]}
    for username, password in handed.items():
        assert User.objects.get(username=username).check_password(password)
    assert AuditEvent.objects.filter(action="user.onboard", source="cmd:import_people").count() == 2
    assert not list(tmp_path.glob(".passwords-*"))


def test_dry_run_writes_nothing(district, sheet, tmp_path, capsys):
    call_command("import_people", str(sheet(*ROWS)), "--region", "甲区", "--dry-run")
    assert "检查通过（未写入）" in capsys.readouterr().out
    assert not User.objects.filter(username__in=["zhangsan", "lisi"]).exists()


def test_bad_rows_exit_2_with_each_problem_in_the_commands_language(district, sheet, tmp_path, capsys):
    out = tmp_path / "passwords.xlsx"
    bad = sheet(*ROWS, ("甲区人民法院", "", "wangwu", "科长", "", ""))
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(bad), "--region", "甲区", "--passwords", str(out))
    assert caught.value.returncode == 2
    err = capsys.readouterr().err
    assert "第 6 行：缺少姓名。" in err and "角色“科长”无法识别。" in err
    assert "The name is missing" not in err
    assert not User.objects.filter(username="zhangsan").exists() and not out.exists()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_people", str(bad), "--region", "甲区", "--passwords", str(out))
    err = capsys.readouterr().err
    assert "row 6: The name is missing." in err and "缺少姓名" not in err


def test_an_import_without_a_passwords_file_is_refused(district, sheet):
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(sheet(*ROWS)), "--region", "甲区")
    assert caught.value.returncode == 2 and "--passwords" in str(caught.value)
    assert not User.objects.filter(username="zhangsan").exists()


def test_a_passwords_file_that_cannot_be_written_rolls_the_import_back(
    district, sheet, tmp_path, monkeypatch
):
    from taizhang.administration.management.commands import import_people

    def fail(path, handovers):
        raise OSError("disk full")

    monkeypatch.setattr(import_people, "write_passwords_file", fail)
    with pytest.raises(OSError):
        call_command(
            "import_people", str(sheet(*ROWS)), "--region", "甲区", "--passwords", str(tmp_path / "p.xlsx")
        )
    assert not User.objects.filter(username="zhangsan").exists()


def test_an_unknown_region_or_a_non_xlsx_file_exits_2(district, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_people", str(tmp_path / "x.xlsx"), "--region", "无此区", "--dry-run")
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(tmp_path / "x.csv"), "--region", "甲区", "--dry-run")
    assert caught.value.returncode == 2
