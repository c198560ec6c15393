"""/healthz (liveness) and /readyz (readiness): public, JSON, status words only, no cookie, GET and HEAD."""

from unittest import mock

import pytest
from django.db import OperationalError

from taizhang.lib import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_to_anyone_without_a_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_stays_up_when_the_database_is_down(client):
    """Liveness asks nothing of the database: an outage must not make a supervisor restart the server."""
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("x")):
        assert client.get("/healthz").status_code == 200


def test_readyz_reports_every_check_ok(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "files": "ok", "migrations": "ok"},
    }
    assert not response.cookies


def test_readyz_leaves_no_probe_file_behind(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert client.get("/readyz").status_code == 200
    assert list(tmp_path.iterdir()) == []


def test_readyz_is_503_naming_the_database_without_its_error(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("secret-host:5432")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "failed"
    assert body["checks"]["migrations"] == "failed"  # cannot be known without the database
    assert b"secret" not in response.content


def test_readyz_is_503_when_the_file_store_cannot_be_written(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "missing" / "files"
    (tmp_path / "missing").write_text("a file where the directory should be")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "files": "failed", "migrations": "ok"}


def test_readyz_is_503_while_a_migration_waits(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    waiting = [("plans", "9999_new")]
    with mock.patch("django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=waiting):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "failed"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_routes_take_get_and_head_only(client, path):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405
