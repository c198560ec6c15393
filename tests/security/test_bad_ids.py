"""Ids out of range never answer 500. Every route of the project (walked from the resolver) is asked, as a
signed-in office admin of the permission matrix's world (who reaches every list and form of region A),
with each query parameter the page's own GET forms send (read from its HTML), on a page without ids in its
path also the filters lists take (``plan``, ``unit`` …), each of the API's query parameters (from its
OpenAPI schema), and each id in the path, set to a number past 2^63, a negative number and garbage. The
answer must be below 500: a 404 or 422 for a bad id, or the page with the filter ignored.

Only the names the view reads are asked with bad values: the view's ``request.GET`` records each name it
looks up (asked once without a query and once with every candidate set), and a view that reads the query as a
whole (iterating over it, as the API's parser does) is asked every candidate; a copy or re-encoding for page
links parses nothing and is not a read. A name the
view never looks at cannot reach a parser; asking it anyway cost ~40 requests a page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import transaction
from django.http import QueryDict
from django.test import Client, override_settings

from tests.security.matrix_world import build_world
from tests.security.walker import ROUTES, Route, url_for

BAD = ("99999999999999999999", "-1", "abc", "²")  # past 2^63, negative, garbage, a digit int() refuses
# What list pages and the API filter by, whether or not a page's form names it today.
COMMON = ("plan", "unit", "assignment", "section", "region", "year", "page", "alert", "inspection", "task")

_GET_ROUTES = [r for r in ROUTES if not r.route.startswith(("api/v1/docs", "i18n/")) and r.name != "logout"]


class _GetForms(HTMLParser):
    """The names of the fields of a page's ``<form method="get">``."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_get_form = (attrs.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea") and attrs.get("name"):
            self.names.add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _form_names(html: str) -> set[str]:
    parser = _GetForms()
    parser.feed(html)
    return parser.names


def _api_query_names(route: Route) -> set[str]:
    from taizhang.api.main import api

    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.route)
    operation = api.get_openapi_schema()["paths"].get(path, {}).get("get") or {}
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}


class _RecordingQuery(QueryDict):
    """The view's ``request.GET``: notes in ``_READS`` each name looked up, and whether the query was read
    whole (its copies, made by Django with this class, go on noting)."""

    _copying = False  # building, copying or re-encoding (page links, ``{% querystring %}``) parses no value

    def __init__(self, *args, **kwargs):
        self._unread(super().__init__, *args, **kwargs)

    def _one(self, name):
        if not _RecordingQuery._copying:
            _READS.add(name)

    def _all(self):
        if not _RecordingQuery._copying:
            _READS.add(_WHOLE)

    def _unread(self, method, *args, **kwargs):
        _RecordingQuery._copying = True
        try:
            return method(*args, **kwargs)
        finally:
            _RecordingQuery._copying = False

    def __getitem__(self, key):
        self._one(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._one(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self._one(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._one(key)
        return super().getlist(key, default)

    def __iter__(self):
        self._all()
        return super().__iter__()

    def keys(self):
        self._all()
        return super().keys()

    def items(self):
        self._all()
        return super().items()

    def lists(self):
        self._all()
        return super().lists()

    def values(self):
        self._all()
        return super().values()

    def dict(self):
        self._all()
        return super().dict()

    def copy(self):
        return self._unread(super().copy)

    def urlencode(self, safe=None):
        return self._unread(super().urlencode, safe)


_WHOLE = object()  # the query read as a whole
_READS: set = set()


class RecordQueryReads:
    """Last middleware: the view gets a recording ``request.GET`` (reads by middleware above not noted)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        request.GET = _RecordingQuery(request.META.get("QUERY_STRING", ""), encoding=request.GET.encoding)


def _names_read(client: Client, route: Route, url: str) -> tuple[object, set[str]]:
    """The plain answer, and the query names its view reads: asked once without a query and once with every
    candidate set (those the page's GET forms send, the API operation's, the list filters when the path
    names no object) — all the candidates when the view reads the query whole."""
    candidates = set() if route.has_params else set(COMMON)
    if route.route.startswith("api/"):
        candidates |= _api_query_names(route)
    _READS.clear()
    first = client.get(url)
    if not route.route.startswith("api/") and first.get("Content-Type", "").startswith("text/html"):
        candidates |= _form_names(first.content.decode()) - {"csrfmiddlewaretoken"}
    if candidates:
        client.get(f"{url}?{urlencode(dict.fromkeys(sorted(candidates), '1'))}")
    read = set(candidates) if _WHOLE in _READS else candidates & _READS
    _READS.clear()
    return first, read


@pytest.fixture(scope="module")
def stage(django_db_setup, django_db_blocker):
    middleware = [*settings.MIDDLEWARE, f"{__name__}.RecordQueryReads"]
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(MIDDLEWARE=middleware):
        world = build_world()
        client = Client(raise_request_exception=False)
        client.force_login(world.people["office_a"])
        yield client, world.objects["a1"]
        transaction.set_rollback(True)


def _asks(client: Client, route: Route, objects: dict) -> list[str]:
    """Every bad request for one route; the URLs that answered 5xx."""
    url = url_for(route, objects)
    first, names = _names_read(client, route, url)
    failed = [url] if first.status_code >= 500 else []
    for name in sorted(names):
        for bad in BAD:
            asked = f"{url}?{urlencode({name: bad})}"
            if client.get(asked).status_code >= 500:
                failed.append(asked)
    # each <int:…> id in the path past 2^63 (a negative one never matches the converter: 404)
    for match in re.finditer(r"<int:(\w+)>", route.route):
        huge = dict(objects)
        path = route.route.replace(match.group(0), "99999999999999999999")
        asked = url_for(Route(path, route.name), huge)
        if client.get(asked).status_code >= 500:
            failed.append(asked)
    return failed


@pytest.mark.parametrize("route", _GET_ROUTES, ids=str)
def test_no_bad_id_answers_a_server_error(stage, db, route):
    client, objects = stage
    assert _asks(client, route, objects) == []


def test_the_walk_asks_the_api_filters_and_the_page_forms(stage, db):
    client, objects = stage
    reports = next(r for r in _GET_ROUTES if r.name == "api-v1:list_reports")
    assert {"assignment", "plan", "offset"} <= _api_query_names(reports)
    ledger = next(r for r in _GET_ROUTES if r.name == "plan_ledger")
    assert {"unit", "section"} <= _form_names(client.get(url_for(ledger, objects)).content.decode())


def test_the_reported_filter_answers_422(stage, db):
    client, _objects = stage
    response = client.get("/api/v1/reports?assignment=99999999999999999999")
    assert response.status_code == 422 and response.json()["code"] == "invalid"


def test_the_walk_asks_what_the_view_reads(stage, db):
    """The recording sees a filter form's fields and leaves out names a page never looks at; the API's
    parser reads the query whole, so every parameter of an operation is asked."""
    client, objects = stage
    ledger = next(r for r in _GET_ROUTES if r.name == "plan_ledger")
    assert {"unit", "section"} <= _names_read(client, ledger, url_for(ledger, objects))[1]
    home = next(r for r in _GET_ROUTES if r.name == "home")
    assert "alert" not in _names_read(client, home, url_for(home, objects))[1]
    reports = next(r for r in _GET_ROUTES if r.name == "api-v1:list_reports")
    assert {"assignment", "plan", "offset"} <= _names_read(client, reports, url_for(reports, objects))[1]
