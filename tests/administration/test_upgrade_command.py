"""`taizhang upgrade`: settings first (nothing changes while they are wrong), then a backup, then migrate,
collectstatic and the two verifications, in this order; the first failure stops it with exit 1 and advice.
The steps' own commands run for real except ``backup``, which another part provides (here: a recorder)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from taizhang.administration.management.commands import upgrade

pytestmark = pytest.mark.django_db


@pytest.fixture
def ran(monkeypatch):
    """The commands the upgrade calls, in order; ``backup`` only recorded, the others run."""
    calls: list[tuple] = []

    def record(name, *args, **kwargs):
        calls.append((name, *args))
        if name != "backup":
            return call_command(name, *args, **kwargs)

    monkeypatch.setattr(upgrade, "call_command", record)
    return calls


@pytest.fixture
def ready(monkeypatch):
    """Production settings in order; a ``backup`` command installed."""
    monkeypatch.setattr(upgrade, "production_problems", lambda **_: [])
    monkeypatch.setattr(upgrade, "get_commands", lambda: {"backup": "taizhang.backups"})


def test_missing_production_settings_stop_it_before_anything_changes(ran, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("upgrade", "--skip-backup")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "TAIZHANG_STATIC_COLLECTED" in err and "nothing changed" in err
    assert ran == []


def test_without_the_backup_command_it_stops_and_says_how_to_go_on(ran, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(upgrade, "production_problems", lambda **_: [])
    monkeypatch.setattr(upgrade, "get_commands", lambda: {})
    with pytest.raises(SystemExit):
        call_command("upgrade", "--backup-to", str(tmp_path))
    assert "--skip-backup" in capsys.readouterr().err
    assert ran == []


def test_without_a_destination_it_stops(ran, ready, capsys):
    with pytest.raises(SystemExit):
        call_command("upgrade")
    assert "--backup-to" in capsys.readouterr().err
    assert ran == []


def test_it_backs_up_first_then_migrates_collects_and_verifies(ran, ready, settings, tmp_path, capsys):
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("upgrade", "--backup-to", str(tmp_path / "backups"))
    assert [call[0] for call in ran] == ["backup", "migrate", "collectstatic", "integrity", "audit"]
    assert ran[0] == ("backup", str(tmp_path / "backups"))
    assert (tmp_path / "static" / "vendor" / "htmx.min.js.gz").is_file()
    assert "upgrade done" in capsys.readouterr().out


def test_a_failed_verification_stops_it_with_exit_1(ran, ready, monkeypatch, capsys, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"

    def integrity_fails(name, *args, **kwargs):
        ran.append((name, *args))
        if name == "integrity":
            raise SystemExit(1)

    monkeypatch.setattr(upgrade, "call_command", integrity_fails)
    with pytest.raises(SystemExit) as exit_:
        call_command("upgrade", "--skip-backup")
    assert exit_.value.code == 1
    assert [call[0] for call in ran] == ["migrate", "collectstatic", "integrity"]
    assert "[5] 完整性核验 / integrity verify: 失败 / failed" in capsys.readouterr().err
