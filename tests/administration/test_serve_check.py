"""`taizhang serve --check` refuses to start while a production setting is missing, saying which; without
--check it still refuses a collected-static switch with nothing collected (every page would be a 500)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.administration import preflight
from taizhang.administration.management.commands import serve

pytestmark = pytest.mark.usefixtures("english_operator")  # the assertions read the English output


@pytest.fixture
def started(monkeypatch):
    runs = []
    monkeypatch.setattr(serve.TaizhangServer, "run", lambda self: runs.append(self.options))
    return runs


def test_check_refuses_debug_and_names_each_problem(settings, started, capsys):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="not started"):
        call_command("serve", "--check")
    err = capsys.readouterr().err
    assert "TAIZHANG_DEBUG" in err and "TAIZHANG_STATIC_COLLECTED" in err
    assert started == []


def test_collected_static_without_a_manifest_refuses_even_without_check(settings, started, tmp_path):
    settings.STATIC_COLLECTED = True
    settings.STATIC_ROOT = tmp_path
    with pytest.raises(CommandError):
        call_command("serve")
    assert started == []
    (tmp_path / "staticfiles.json").write_text("{}")
    call_command("serve", "--bind", "127.0.0.1:9", "--workers", "3", "--threads", "2")
    assert started[0].binds == ("127.0.0.1:9",) and (started[0].workers, started[0].threads) == (3, 2)


def test_a_production_configuration_has_no_problem(settings, tmp_path, monkeypatch):
    settings.ALLOWED_HOSTS = ["taizhang.example.gov.cn"]
    settings.STATIC_COLLECTED, settings.STATIC_ROOT = True, tmp_path
    (tmp_path / "staticfiles.json").write_text("{}")
    monkeypatch.setattr(preflight.checks, "run_checks", lambda **_: [])
    assert preflight.production_problems() == []


def test_workers_and_threads_come_from_the_environment_settings(settings, started):
    settings.TAIZHANG_WORKERS, settings.TAIZHANG_THREADS = 6, 8
    call_command("serve")
    assert (started[0].workers, started[0].threads, started[0].binds) == (6, 8, ("127.0.0.1:8000",))


@pytest.mark.parametrize("bad", ["0", "-2", "many"])
def test_a_bad_number_of_workers_is_refused(bad, started):
    with pytest.raises(CommandError, match="positive"):
        call_command("serve", "--workers", bad)
