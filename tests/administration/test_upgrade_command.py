"""`taizhang upgrade`: settings first (nothing changes while they are wrong), then a backup, then migrate,
collectstatic and the two verifications, in this order; the first failure stops it with exit 1 and advice.
The steps' own commands run for real, ``backup`` included (tests/backup has its own tests)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from taizhang.administration.management.commands import upgrade

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_operator")]  # English output


@pytest.fixture
def ran(monkeypatch):
    """The commands the upgrade calls, in order, each run."""
    calls: list[tuple] = []

    def record(name, *args, **kwargs):
        calls.append((name, *args))
        return call_command(name, *args, **kwargs)

    monkeypatch.setattr(upgrade, "call_command", record)
    return calls


@pytest.fixture
def ready(monkeypatch):
    """Production settings in order."""
    monkeypatch.setattr(upgrade, "production_problems", lambda **_: [])


def test_missing_production_settings_stop_it_before_anything_changes(ran, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("upgrade", "--skip-backup")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "TAIZHANG_STATIC_COLLECTED" in err and "nothing changed" in err
    assert ran == []


def test_a_failing_backup_stops_it_before_migrate(ran, ready, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        call_command("upgrade", "--backup-to", str(tmp_path / "not-made"))
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "not a writable folder" in err and "nothing changed: the backup failed" in err
    assert [call[0] for call in ran] == ["backup"]


def test_without_a_destination_it_stops(ran, ready, capsys):
    with pytest.raises(SystemExit):
        call_command("upgrade")
    assert "--backup-to" in capsys.readouterr().err
    assert ran == []


@pytest.mark.django_db(transaction=True)  # a backup is taken outside any transaction, as in production
def test_it_backs_up_first_then_migrates_collects_and_verifies(ran, ready, settings, tmp_path, capsys):
    settings.STATIC_ROOT = tmp_path / "static"
    (tmp_path / "backups").mkdir()
    call_command("upgrade", "--backup-to", str(tmp_path / "backups"))
    assert [call[0] for call in ran] == ["backup", "migrate", "collectstatic", "integrity", "audit"]
    [made] = (tmp_path / "backups").iterdir()
    assert made.name.startswith("taizhang-backup-") and (made / "manifest.json").is_file()
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
    assert "[5] integrity verify: failed" in capsys.readouterr().err
