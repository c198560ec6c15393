"""``/alerts``: warnings (预警) — the caller's warnings (the office side its region's, a unit its own), one
warning with the data that raised it, and the unit's explanation (责令说明原因). Same selectors and services
as the pages: out of scope → 404, not the unit's liaison or head → 403, a closed warning or one that asks
for no explanation → 422, a stale version → 409."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from taizhang.alerts.display import days_overdue
from taizhang.alerts.models import Alert, Level, Required
from taizhang.alerts.selectors import AlertFilters, alert_get, alert_list
from taizhang.alerts.services import alert_explain
from taizhang.alerts.specs import RULE_LABELS
from taizhang.api.errors import COMMON_ERRORS, WRITE_ERRORS
from taizhang.api.pagination import page
from taizhang.api.schemas import PageQuery
from taizhang.lib.ids import MAX_ID
from taizhang.rectification.checks import MAX_TEXT

router = Router(tags=["alerts 预警"])

LevelSlug = Literal[tuple(Level.values)]
RequiredSlug = Literal[tuple(Required.values)]
StateSlug = Literal[tuple(Alert.State.values)]
RuleSlug = Literal[tuple(RULE_LABELS)]


class AlertQuery(PageQuery):
    level: LevelSlug | None = None
    rule: RuleSlug | None = None
    state: StateSlug | None = Field(None, description="默认未解除 / open unless given")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="单位 id / unit id")


class AlertOut(Schema):
    id: int
    rule: str
    key: str
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    region_id: int
    assignment_id: int | None
    level: LevelSlug
    required: RequiredSlug
    summary: str
    state: StateSlug
    raised_at: datetime
    refreshed_at: datetime
    explained: bool
    version: int

    @staticmethod
    def resolve_refreshed_at(alert) -> datetime:
        """最近核对时间 (``alerts.selectors.with_checked_at``)."""
        return getattr(alert, "checked_at", None) or alert.refreshed_at

    @staticmethod
    def resolve_explained(alert) -> bool:
        if alert.assignment_id is not None:  # the line's explanation (alerts.selectors.with_line_explanation)
            return getattr(alert, "line_explanation_id", None) is not None
        return alert.explained_at is not None


class AlertPage(Schema):
    items: list[AlertOut]
    total: int
    limit: int
    offset: int


class AlertDetailOut(AlertOut):
    evidence: dict[str, Any] = Field(..., description="触发数据 / the data that raised it")
    days_overdue: int | None = Field(None, description="逾期天数（按今天计）/ days past the due date, today")
    explanation: str
    explained_at: datetime | None
    closed_at: datetime | None
    closed_how: str
    close_reason: str

    @staticmethod
    def resolve_explanation(alert) -> str:
        return alert.given.reason if alert.given else ""

    @staticmethod
    def resolve_explained_at(alert) -> datetime | None:
        return alert.given.given_at if alert.given else None

    @staticmethod
    def resolve_days_overdue(alert) -> int | None:
        return days_overdue(alert, timezone.localdate())


class ExplainIn(Schema):
    explanation: str = Field(..., min_length=1, max_length=MAX_TEXT, description="原因说明 / the reason")
    expected_version: int = Field(..., ge=1, description="读取时的版本号 / the version you read")


@router.get("/alerts", response={200: AlertPage, **COMMON_ERRORS})
def list_alerts(request: HttpRequest, filters: Query[AlertQuery]):
    """预警列表 / Warnings in the caller's scope (open ones unless ``state`` says), red first."""
    found = AlertFilters(
        level=filters.level, rule=filters.rule, state=filters.state or Alert.State.OPEN, unit_id=filters.unit
    )
    return page(alert_list(user=request.auth, filters=found), filters)


@router.get("/alerts/{alert_id}", response={200: AlertDetailOut, **COMMON_ERRORS})
def get_alert(request: HttpRequest, alert_id: int):
    """预警 / One warning with the data that raised it; 404 when it is out of scope."""
    return alert_get(user=request.auth, pk=alert_id)


@router.post("/alerts/{alert_id}/explain", response={200: AlertDetailOut, **WRITE_ERRORS})
def explain_alert(request: HttpRequest, alert_id: int, data: ExplainIn):
    """说明原因 / The unit's liaison or head explains an open warning that asks for it."""
    alert = alert_get(user=request.auth, pk=alert_id)
    alert_explain(
        actor=request.auth, alert=alert, explanation=data.explanation, expected_version=data.expected_version
    )
    return alert_get(user=request.auth, pk=alert_id)
