"""``/regulations``: the regulations register (制度库) the caller reads, and one regulation with its versions
and 立改废留 decisions — the same selectors as the pages. A decision's notes (评估, 论证, 审查) are null for
readers the register does not show them to (``rulemaking.selectors.may_read_notes``)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from taizhang.api.errors import COMMON_ERRORS
from taizhang.api.pagination import page
from taizhang.api.schemas import PageQuery
from taizhang.lib.ids import MAX_ID
from taizhang.regulations.models import Regulation
from taizhang.regulations.selectors import RegFilters, regulation_get, regulation_list
from taizhang.rulemaking.models import RegulationDecision
from taizhang.rulemaking.page import decisions_of, versions_of
from taizhang.rulemaking.selectors import may_read_notes

router = Router(tags=["regulations 制度"])

RegulationStatus = Literal[tuple(Regulation.Status.values)]
DecisionKind = Literal[tuple(RegulationDecision.Kind.values)]


class RegulationFilters(PageQuery):
    status: RegulationStatus | None = None
    issuing_unit: int | None = Field(None, ge=1, le=MAX_ID, description="制定单位 id / issuing unit id")
    q: str = Field("", max_length=100, description="名称或文号包含 / title or number contains")
    due: bool = Field(False, description="只看到期待清理的 / only those due for the periodic review")


class RegulationOut(Schema):
    id: int
    title: str
    status: RegulationStatus
    region_id: int | None
    issuing_unit_id: int | None
    issuing_unit_name: str | None = Field(None, alias="issuing_unit.name")
    doc_number: str
    issued_on: date | None
    reviewed_on: date | None
    last_review: date = Field(
        ..., description="最近审查（或印发）日期 / the date the review period runs from"
    )
    version: int


class RegulationPage(Schema):
    items: list[RegulationOut]
    total: int
    limit: int
    offset: int


class VersionOut(Schema):
    id: int
    number: int
    issued_on: date | None
    doc_number: str
    note: str
    file_names: list[str]


class DecisionOut(Schema):
    id: int
    kind: DecisionKind
    decided_on: date
    evaluation: str | None
    argumentation: str | None
    legal_review: str | None
    finding_ids: list[int] = Field(
        ..., description="触发的检查问题（调用者可见的）/ triggering findings you may read"
    )
    rectification_ids: list[int] = Field(..., description="触发的整改事项（调用者可见的）/ triggering items")


class RegulationDetailOut(RegulationOut):
    summary: str
    versions: list[VersionOut]
    decisions: list[DecisionOut]


@router.get("/regulations", response={200: RegulationPage, **COMMON_ERRORS})
def list_regulations(request: HttpRequest, filters: Query[RegulationFilters]):
    """制度库 / The regulations the caller reads, by title; ``due``: only those due for review."""
    wanted = RegFilters(
        status=filters.status, issuing_unit_id=filters.issuing_unit, text=filters.q, due=filters.due
    )
    return page(regulation_list(user=request.auth, filters=wanted, today=timezone.localdate()), filters)


@router.get("/regulations/{regulation_id}", response={200: RegulationDetailOut, **COMMON_ERRORS})
def get_regulation(request: HttpRequest, regulation_id: int):
    """制度 / One regulation with its versions and decisions; 404 when it is out of scope."""
    user = request.auth
    regulation = regulation_get(user=user, pk=regulation_id)
    notes = may_read_notes(user, regulation)
    versions = [
        {
            **_fields(v, "id", "number", "issued_on", "doc_number", "note"),
            "file_names": [f.original_name for f in v.files],
        }
        for v in versions_of(regulation)
    ]
    decisions = [
        {
            **_fields(d, "id", "kind", "decided_on"),
            **{k: getattr(d, k) if notes else None for k in ("evaluation", "argumentation", "legal_review")},
            "finding_ids": [f.pk for f in d.seen_findings],
            "rectification_ids": [i.pk for i in d.seen_items],
        }
        for d in decisions_of(user, regulation)
    ]
    own = [name for name in RegulationOut.model_fields if name != "issuing_unit_name"]
    return {
        **_fields(regulation, *own),
        "issuing_unit_name": regulation.issuing_unit.name if regulation.issuing_unit else None,
        "summary": regulation.summary,
        "versions": versions,
        "decisions": decisions,
    }


def _fields(obj, *names: str) -> dict:
    return {name: getattr(obj, name) for name in names}
