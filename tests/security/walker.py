"""The URL walk the security tests share: every route of the project, pages and the API's operations and
whatever is added later, read from the resolver; its path filled with the ids of real objects; and, for the
API's writes, a POST body built from the operation's OpenAPI request schema, so a write reaches the code
behind validation. Imported by test modules, after Django is set up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from taizhang.api.main import api


@dataclass(frozen=True)
class Route:
    route: str  # as declared, e.g. "api/v1/reports/<report_id>/submit"
    name: str  # the view name with namespaces, e.g. "api-v1:…"; "" when unnamed

    def __str__(self) -> str:
        return f"/{self.route} ({self.name or 'unnamed'})"

    @property
    def has_params(self) -> bool:
        return "<" in self.route


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


# ---- path parameters from real objects ----


def path_objects(*, line, report, evidence, **more: int | str) -> dict[str, int | str]:
    """What a path may name, taken from one ledger line, a report on it and an evidence file of that
    report, plus ``more`` (``inspection=…``): the keys ``url_for`` looks parameters up by."""
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
        **more,
    }


def _value(name: str, route: str, objects: dict[str, int | str]) -> str:
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
    raise AssertionError(f"no value for <{name}> in /{route}: add it to the objects the test passes")


def url_for(route: Route, objects: dict[str, int | str]) -> str:
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
    """The smallest JSON body the API operation's request schema accepts; ``{}`` for anything else."""
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.route)
    operation = _SCHEMA["paths"].get(path, {}).get("post")
    if not operation or "requestBody" not in operation:
        return {}
    return _example(operation["requestBody"]["content"]["application/json"]["schema"])
