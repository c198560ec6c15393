"""The headers on every page, as an evaluator checks them: every route of the project (walked from the
resolver, pages and API, path ids from the permission matrix's world), opened by GET as a signed-in office
admin, a unit's liaison and a system administrator, answers with

- a Content-Security-Policy allowing this origin only (``default-src 'self'``, or a download's stricter
  ``'none'``; no ``'unsafe-inline'`` script, no ``'unsafe-eval'``) and denying framing
  (``frame-ancestors 'none'``, ``X-Frame-Options: DENY``);
- ``Referrer-Policy: same-origin`` and ``X-Content-Type-Options: nosniff``;
- ``Cache-Control: no-store`` — pages, exports and downloads alike;
- and, for HTML, no inline ``<script>``: every script element has a ``src`` on this origin."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client

from tests.security.matrix_world import build_world
from tests.security.walker import ROUTES, url_for

PEOPLE = ("office_a", "liaison_u1", "sysadmin_a")
_GET_ROUTES = [r for r in ROUTES if r.name != "logout"]


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline: list[str] = []  # what each inline script or handler attribute holds
        self._open_inline = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            src = attrs.get("src") or ""
            data = (attrs.get("type") or "").lower() in ("application/json", "application/ld+json")
            self._open_inline = not src and not data  # json_script data is not run
            if src.startswith(("http:", "https:", "//")):
                self.inline.append(f"script from another origin: {src}")
        for name, value in attrs.items():
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.inline.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self._open_inline and data.strip():
            self.inline.append(data.strip()[:80])

    def handle_endtag(self, tag):
        if tag == "script":
            self._open_inline = False


def inline_scripts(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    return parser.inline


@pytest.fixture(scope="module")
def stage(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        clients = {}
        for person in PEOPLE:
            clients[person] = Client()
            clients[person].force_login(world.people[person])
        yield clients, world.objects["a1"]
        transaction.set_rollback(True)


def problems(response) -> list[str]:
    found = []
    csp = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    if directives.get("default-src") not in (["'self'"], ["'none'"]):  # a download's own is stricter
        found.append(f"CSP default-src: {csp!r}")
    if directives.get("frame-ancestors") != ["'none'"]:
        found.append("CSP frame-ancestors is not 'none'")
    script = directives.get("script-src", directives.get("default-src", []))
    if {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(script):
        found.append(f"CSP script-src allows {script}")
    if response.get("X-Frame-Options") != "DENY":
        found.append("X-Frame-Options is not DENY")
    if response.get("Referrer-Policy") != "same-origin":
        found.append(f"Referrer-Policy: {response.get('Referrer-Policy')!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        found.append("X-Content-Type-Options is not nosniff")
    if "no-store" not in response.get("Cache-Control", ""):
        found.append(f"Cache-Control: {response.get('Cache-Control')!r}")
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        found += [f"inline script: {s}" for s in inline_scripts(response.content.decode())]
    return found


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("route", _GET_ROUTES, ids=str)
def test_every_answer_to_a_signed_in_person_carries_the_headers(stage, db, route, person):
    clients, objects = stage
    response = clients[person].get(url_for(route, objects))
    assert problems(response) == [], f"{response.status_code} {response.request['PATH_INFO']}"


def test_the_walk_reads_pages_exports_and_downloads():
    names = {route.name for route in _GET_ROUTES}
    assert {"plan_ledger", "plan_ledger_export", "evidence_download", "api-v1:list_reports"} <= names


def test_the_login_page_carries_the_policy_to_an_anonymous_visitor(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert inline_scripts(response.content.decode()) == []


def test_the_inline_script_search_would_see_one():
    assert inline_scripts('<script>alert(1)</script><a onclick="x()">') != []
    assert inline_scripts('<script src="/static/vendor/htmx.min.js" defer></script>') == []
    assert inline_scripts('<script id="d" type="application/json">{"a": 1}</script>') == []
