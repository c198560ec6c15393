"""Deny by default: every URL of the project, walked from the resolver — pages, the API's operations and
whatever is added later — turns away (a) an anonymous visitor and (b) a signed-in account holding no role.

Turned away means 401, 403, 404 or 405, or a redirect to a public route (the login page). Any 2xx, or a
redirect to anything else, fails, unless the route is on the reviewed public list
(``taizhang.lib.access.PUBLIC_ROUTES``). Path parameters are filled with ids of real objects, so a view that
forgot its access check would find something to show. POST bodies for API operations are built from the
operation's OpenAPI request schema, so a write reaches the code behind validation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from taizhang.accounts.models import Role
from taizhang.api.main import api
from taizhang.lib.access import PUBLIC_ROUTES
from taizhang.reports.models import Evidence
from tests.factories import make_assignment, make_report, make_user

TURNED_AWAY = {401, 403, 404, 405}


@dataclass(frozen=True)
class Route:
    route: str  # as declared, e.g. "api/v1/reports/<report_id>/submit"
    name: str  # the view name with namespaces, e.g. "api-v1:…"; "" when unnamed

    def __str__(self) -> str:
        return f"/{self.route} ({self.name or 'unnamed'})"


def _regex_to_route(regex: str) -> str:
    """A ``re_path`` pattern as a path with ``<name>`` placeholders; refuses what it cannot read."""
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", regex.lstrip("^").rstrip("$").replace("\\Z", ""))
    route = route.replace("\\.", ".").replace("\\/", "/")
    if re.search(r"[()\[\]*+?|\\^$]", route):
        raise AssertionError(f"the walker cannot build a URL for re_path {regex!r}; teach _regex_to_route")
    return route


def walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        piece = str(entry.pattern)
        if entry.pattern.__class__.__name__ == "RegexPattern":
            piece = _regex_to_route(piece)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + piece, ns)
        elif isinstance(entry, URLPattern):
            yield Route(prefix + piece, f"{namespace}{entry.name}" if entry.name else "")


ROUTES = sorted(set(walk(get_resolver().url_patterns)), key=lambda r: r.route)


@pytest.fixture
def objects(db):
    """One of each thing a path may name, in a unit the callers have nothing to do with."""
    line = make_assignment()
    report = make_report(assignment=line)
    evidence = Evidence.objects.create(
        report=report,
        file="evidence/x.pdf",
        sha256="0" * 64,
        size=1,
        content_type="application/pdf",
        original_name="x.pdf",
        uploaded_by=make_user(unit=line.unit, role=Role.LIAISON),
    )
    return {
        "plan": line.task.plan_id,
        "task": line.task_id,
        "section": line.task.section_id,
        "assignment": line.pk,
        "line": line.pk,
        "report": report.pk,
        "evidence": evidence.pk,
        "unit": line.unit_id,
        "region": line.unit.region_id,
        "period_start": report.period_start.isoformat(),  # reports' <periodstart:period_start>
    }


def _value(name: str, route: str, objects: dict[str, int]) -> str:
    """An id for the parameter ``name``: ``plan_id``/``plan_pk`` → a plan; ``pk``/``id`` → the thing the
    path segment before it names (``plans/<pk>`` → a plan); else the first row of a model so named."""
    thing = re.sub(r"_?(id|pk)$", "", name)
    if not thing:
        before = route.split(f"<{name}>")[0].rstrip("/").split("/")[-1] if f"<{name}>" in route else ""
        thing = before.removesuffix("s")
    if thing in objects:
        return str(objects[thing])
    for model in apps.get_models():
        if model._meta.model_name == thing.replace("_", "") and (row := model.objects.first()):
            return str(row.pk)
    raise AssertionError(f"no value for <{name}> in /{route}: add one to the `objects` fixture")


def url_for(route: Route, objects: dict[str, int]) -> str:
    def fill(match: re.Match) -> str:
        return _value(match.group(2), route.route, objects)

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route.route)


# ---- POST bodies from the OpenAPI schema ----

_SCHEMA = api.get_openapi_schema()


def _example(schema: dict) -> object:
    if "$ref" in schema:
        return _example(_SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]])
    if "anyOf" in schema:
        return _example(next(s for s in schema["anyOf"] if s.get("type") != "null"))
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {key: _example(schema["properties"][key]) for key in schema.get("required", [])}
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "string":
        if schema.get("format") == "date":
            return date(2021, 1, 1).isoformat()
        return "x" * max(1, schema.get("minLength", 1))
    return {"boolean": False, "array": [], "number": 1}.get(kind)


def post_body(route: Route) -> dict:
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.route)
    operation = _SCHEMA["paths"].get(path, {}).get("post")
    if not operation or "requestBody" not in operation:
        return {}
    return _example(operation["requestBody"]["content"]["application/json"]["schema"])


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
    assert len(PUBLIC_ROUTES) <= 6, "every public route is reviewed; do not grow this list lightly"
    assert "api-v1:openapi-json" not in PUBLIC_ROUTES


def problems(route: Route, who: str, objects: dict[str, int]) -> list[str]:
    """What ``who`` got from ``route`` that they should not have, by GET and by POST."""
    url = url_for(route, objects)
    found = []
    for method in ("get", "post"):
        client = Client()  # fresh each time: a POST may sign the user out
        if who == "signed_in_without_role":
            client.force_login(make_user())
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, post_body(route), content_type="application/json")
        if problem := _verdict(response):
            found.append(f"{method.upper()} {url}: {problem}")
    return found


@pytest.mark.parametrize("who", ["anonymous", "signed_in_without_role"])
@pytest.mark.parametrize("route", [r for r in ROUTES if not _public(r.name)], ids=str)
def test_route_turns_away(route, who, objects):
    assert not problems(route, who, objects), f"{who} got through"


@pytest.mark.urls("tests.security.open_urls")
def test_the_walk_flags_a_view_that_forgot_its_check(objects):
    """A signed-in account without a role reaches a view with no role check: the walk must say so."""
    route = next(r for r in walk(get_resolver("tests.security.open_urls").url_patterns) if r.name == "open")
    assert problems(route, "signed_in_without_role", objects) == [
        f"GET /open/{objects['plan']}/: answered 200",
        f"POST /open/{objects['plan']}/: answered 200",
    ]
