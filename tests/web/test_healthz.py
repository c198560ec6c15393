"""/healthz: public, plain, and silent about the database."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_to_anyone_without_a_cookie(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_healthz_says_unavailable_without_database_detail(client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("secret")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_healthz_takes_only_get(client):
    assert client.post("/healthz").status_code == 405
