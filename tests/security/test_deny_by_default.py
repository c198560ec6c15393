"""Deny by default: every URL of the project, walked from the resolver — pages, the API's operations and
whatever is added later — turns away (a) an anonymous visitor and (b) a signed-in account holding no role.

Turned away means 401, 403, 404 or 405, or a redirect to a public route (the login page). Any 2xx, or a
redirect to anything else, fails, unless the route is on the reviewed public list
(``taizhang.lib.access.PUBLIC_ROUTES``). Path parameters are filled with ids of real objects, so a view that
forgot its access check would find something to show. POST bodies for API operations are built from the
operation's OpenAPI request schema, so a write reaches the code behind validation."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import get_resolver, resolve
from django.urls.exceptions import Resolver404

from taizhang.accounts.models import Role
from taizhang.lib.access import PUBLIC_ROUTES, SIGNED_IN_ROUTES
from tests.factories import (
    make_assignment,
    make_circular,
    make_evidence,
    make_notification,
    make_report,
    make_user,
)
from tests.security.matrix_alerts import alert_objects
from tests.security.matrix_assessment import assessment_objects
from tests.security.matrix_inspections import inspection_objects
from tests.security.matrix_instructions import instruction_objects
from tests.security.matrix_leaders3 import leaders3_objects
from tests.security.matrix_lookback import lookback_objects
from tests.security.matrix_profile import profile_objects
from tests.security.matrix_regulations import regulation_objects
from tests.security.matrix_sources import source_objects
from tests.security.matrix_supervision import order_objects
from tests.security.walker import ROUTES, Route, path_objects, post_body, url_for, walk

TURNED_AWAY = {401, 403, 404, 405}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One of each thing a path may name, in a unit the callers have nothing to do with, and an account
    holding no role. Built once for the module inside a transaction rolled back at its end (each test's own
    transaction is a savepoint inside it, so a write that got through is undone before the next route):
    building them for each of the ~500 route walks cost more than the walks."""
    with django_db_blocker.unblock(), transaction.atomic():
        line = make_assignment()
        report = make_report(assignment=line)
        evidence = make_evidence(report=report, uploaded_by=make_user(unit=line.unit, role=Role.LIAISON))
        more = {"circular": make_circular().pk, "notification": make_notification().pk}
        more |= inspection_objects()
        more |= order_objects()
        more |= alert_objects()
        more |= regulation_objects()
        more |= assessment_objects()
        more |= profile_objects()
        more |= source_objects()
        more |= leaders3_objects()
        more |= lookback_objects()
        more |= instruction_objects()
        yield path_objects(line=line, report=report, evidence=evidence, **more), make_user()
        transaction.set_rollback(True)


@pytest.fixture
def objects(world, db):
    return world[0]


@pytest.fixture
def roleless(world, db):
    return world[1]


# ---- the walk ----


def _public(name: str) -> bool:
    return name in PUBLIC_ROUTES


def _verdict(response) -> str | None:
    """None when the caller was turned away; else what went wrong."""
    status = response.status_code
    if status in TURNED_AWAY:
        return None
    if 300 <= status < 400:
        target = response["Location"].split("?")[0]
        try:
            if _public(resolve(target).view_name):
                return None
        except Resolver404:
            pass
        return f"redirected to {response['Location']}"
    return f"answered {status}"


def test_the_walk_sees_the_pages_and_the_api():
    names = {route.name for route in ROUTES}
    assert "api-v1:openapi-json" in names
    assert any(route.route.startswith("api/v1/assignments/<") for route in ROUTES)


def test_the_public_list_stays_short():
    """Every public route is reviewed; adding one means adding it here, with its reason in lib.access."""
    assert set(PUBLIC_ROUTES) == {
        "login",
        "logout",
        "set_language",
        "healthz",
        "readyz",  # issue 12: readiness for monitoring, status words only
        "login_second_factor",  # the second sign-in step; its session is not signed in yet
        "password_reset",
        "password_reset_confirm",
        "rate",  # 民主测评: a rater's one-time code is the credential; wrong codes share the sign-in throttle
    }
    assert "api-v1:openapi-json" not in PUBLIC_ROUTES


def problems(route: Route, who: str, objects: dict[str, int], roleless=None) -> list[str]:
    """What ``who`` got from ``route`` that they should not have, by GET and by POST (``roleless``: the
    account without a role that ``signed_in_without_role`` signs in as)."""
    url = url_for(route, objects)
    found = []
    for method in ("get", "post"):
        client = Client()  # fresh each time: a POST may sign the user out
        if who == "signed_in_without_role":
            client.force_login(roleless)
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, post_body(route), content_type="application/json")
        if problem := _verdict(response):
            found.append(f"{method.upper()} {url}: {problem}")
    return found


def _callers(route: Route) -> list[str]:
    """Who must be turned away: an anonymous visitor always; an account without a role unless the route is
    one's own settings (``SIGNED_IN_ROUTES``), which every signed-in account opens."""
    return ["anonymous"] if route.name in SIGNED_IN_ROUTES else ["anonymous", "signed_in_without_role"]


@pytest.mark.parametrize(
    ("route", "who"),
    [(r, who) for r in ROUTES if not _public(r.name) for who in _callers(r)],
    ids=lambda value: value if isinstance(value, str) else str(value),
)
def test_route_turns_away(route, who, objects, roleless):
    assert not problems(route, who, objects, roleless), f"{who} got through"


def test_the_signed_in_list_names_routes_and_only_ones_own_settings():
    names = {route.name for route in ROUTES}
    assert set(SIGNED_IN_ROUTES) <= names
    assert set(SIGNED_IN_ROUTES) == {
        "profile",
        "password_change",
        "api_token_create",
        "api_token_revoke",
        # one's own second factor: no id in the path, acts on the signed-in person only
        "second_factor",
        "second_factor_disable",
        "recovery_codes_regenerate",
    }


def test_an_account_without_a_role_cannot_revoke_anothers_token(objects):
    route = next(r for r in ROUTES if r.name == "api_token_revoke")
    client = Client()
    client.force_login(make_user())
    assert client.post(url_for(route, objects)).status_code == 404


@pytest.mark.urls("tests.security.open_urls")
def test_the_walk_flags_a_view_that_forgot_its_check(objects, roleless):
    """A signed-in account without a role reaches a view with no role check: the walk must say so."""
    route = next(r for r in walk(get_resolver("tests.security.open_urls").url_patterns) if r.name == "open")
    assert problems(route, "signed_in_without_role", objects, roleless) == [
        f"GET /open/{objects['plan']}/: answered 200",
        f"POST /open/{objects['plan']}/: answered 200",
    ]
