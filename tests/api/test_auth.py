"""Who may call the API: a live token or a signed-in session, and at least one role."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from taizhang.accounts.access_audit import DENIED
from taizhang.accounts.models import ApiToken
from taizhang.accounts.services import api_token_create, api_token_revoke
from taizhang.audit.models import AuditEvent
from tests.api.client import PREFIX, api_for, bearer

pytestmark = pytest.mark.django_db


def _get(headers=None, client=None, path="/plans"):
    return (client or Client()).get(PREFIX + path, headers=headers or {})


def _assert_401(response):
    assert response.status_code == 401
    assert response.json() == {"code": "unauthorized", "message": response.json()["message"]}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_missing_token_is_401(world):
    _assert_401(_get())


@pytest.mark.parametrize(
    "header", ["Bearer ", "Bearer tz_not-a-real-token", "Token abc", "Basic dXNlcjpwdw=="]
)
def test_bad_token_is_401(world, header):
    _assert_401(_get({"Authorization": header}))


def test_revoked_token_is_401(world):
    token, raw = api_token_create(user=world.liaison_a, name="脚本", actor=None)
    assert _get({"Authorization": f"Bearer {raw}"}).status_code == 200
    api_token_revoke(token=token, actor=None)
    _assert_401(_get({"Authorization": f"Bearer {raw}"}))


def test_expired_token_is_401(world):
    _, raw = api_token_create(
        user=world.liaison_a, name="脚本", expires_at=timezone.now() - timedelta(seconds=1), actor=None
    )
    _assert_401(_get({"Authorization": f"Bearer {raw}"}))


def test_token_of_deactivated_user_is_401(world):
    _, raw = api_token_create(user=world.liaison_a, name="脚本", actor=None)
    world.liaison_a.is_active = False
    world.liaison_a.save(update_fields=["is_active"])
    _assert_401(_get({"Authorization": f"Bearer {raw}"}))


def test_live_token_works_and_its_use_is_stamped(world):
    token, raw = api_token_create(user=world.liaison_a, name="脚本", actor=None)
    assert _get({"Authorization": f"Bearer {raw}"}).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_account_without_a_role_is_403_even_with_a_good_token(world):
    _, raw = api_token_create(user=world.nobody, name="脚本", actor=None)
    response = _get({"Authorization": f"Bearer {raw}"})
    assert response.status_code == 403
    assert response.json()["code"] == "no_role"


def test_signed_in_session_reads_without_a_token(world):
    client = Client()
    client.force_login(world.liaison_a)
    assert _get(client=client).status_code == 200


def test_bad_token_beside_a_good_session_is_401(world):
    client = Client()
    client.force_login(world.liaison_a)
    _assert_401(_get({"Authorization": "Bearer tz_wrong"}, client=client))


def test_session_write_without_csrf_token_is_403(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.liaison_a)
    response = client.post(
        f"{PREFIX}/reports/{world.report_a.pk}/submit",
        {"expected_version": 1},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_anonymous_write_is_401_not_a_csrf_error(world):
    response = Client(enforce_csrf_checks=True).post(
        f"{PREFIX}/reports/{world.report_a.pk}/submit",
        {"expected_version": 1},
        content_type="application/json",
    )
    _assert_401(response)


def test_schema_needs_a_caller_too(world):
    _assert_401(_get(path="/openapi.json"))
    assert api_for(world.nobody).get("/openapi.json").status_code == 403
    response = api_for(world.liaison_a).get("/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_no_docs_page_is_served(world):
    assert api_for(world.admin).get("/docs").status_code == 404


def test_session_write_with_the_csrf_token_reaches_the_service(world):
    """The htmx path: the page's CSRF token in the X-CSRFToken header."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.liaison_a)
    client.cookies[settings.CSRF_COOKIE_NAME] = secret = "a" * 32
    response = client.post(
        f"{PREFIX}/reports/{world.report_a.pk}/submit",
        {"expected_version": 1},
        content_type="application/json",
        headers={"X-CSRFToken": secret},
    )
    assert (response.status_code, response.json()["code"]) == (422, "empty")  # the service's own refusal


def test_token_writes_need_no_csrf_token(world):
    response = Client(enforce_csrf_checks=True).post(
        f"{PREFIX}/reports/{world.report_a.pk}/submit",
        {"expected_version": 1},
        content_type="application/json",
        headers=bearer(world.liaison_a),
    )
    assert (response.status_code, response.json()["code"]) == (422, "empty")


def test_an_api_refusal_is_recorded_too(world):
    _, raw = api_token_create(user=world.nobody, name="脚本", actor=None)
    assert _get({"Authorization": f"Bearer {raw}"}).status_code == 403
    (entry,) = AuditEvent.objects.filter(action=DENIED)
    assert entry.actor == world.nobody and entry.source == "api"
