"""Inside one database (Django set up by ``bench_assessment``): migrate, generate the province and its
supervision year, then time the assessment's steps and the warning refresh through the services."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks import province, province_supervision
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.services import role_grant, user_create
from taizhang.assessment import services
from taizhang.assessment.circular import ranking_docx
from taizhang.assessment.export import write_scores_xlsx
from taizhang.assessment.models import Assessment, Indicator, Score
from taizhang.assessment.template import standard_create_from_template
from taizhang.ledger.models import Assignment
from taizhang.units.models import Region

TARGETED = (
    "compute",
    "to review",
    "submit for approval",
    "approve",
    "publish",
    "score sheet .xlsx",
    "ranking circular .docx",
)


def run(*, label: str, scale: float, results: Path) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    today = timezone.localdate()
    ds = province.generate(scale=scale, today=today)
    admins = {
        g.region_id: g.user_id
        for g in RoleGrant.objects.filter(role="office_admin", region__isnull=False).order_by("id")
    }
    supervision = province_supervision.generate(office_admin_of=admins, today=today)
    print(f"{label}: generated in {ds.seconds:.0f} s; " + ", ".join(f"{k} {v:,}" for k, v in {
        **ds.counts, **supervision}.items()), flush=True)  # fmt: skip
    office = User.objects.get(pk=ds.office_admin_id)
    region = Region.objects.get(parent__isnull=True)
    standard = standard_create_from_template(actor=office, region=region, name="年度考核标准")
    version = standard.versions.get()
    services.version_release(actor=office, version=version, expected_version=version.version)
    year = today.year - 1
    assessment = services.assessment_create(
        actor=office, region=region, year=year, title=f"{year}年度考核", standard_version=version
    )
    steps: list[tuple[str, float, int]] = []

    def step(name: str, work: Callable[[], object]) -> None:
        connection.queries_log.clear()  # a full log (9,000) would hide the next step's count
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            work()
            seconds = time.perf_counter() - started
        steps.append((name, seconds, len(queries)))
        print(f"  {name:<34} {seconds:7.2f} s  {len(queries):5} queries", flush=True)

    def fresh() -> Assessment:
        return Assessment.objects.get(pk=assessment.pk)

    step("compute", lambda: services.assessment_compute(
        actor=office, assessment=fresh(), expected_version=fresh().version))  # fmt: skip
    step("assessor scores (manual, one call each)", lambda: _score_by_hand(office, assessment))
    step("to review", lambda: services.assessment_to_review(
        actor=office, assessment=fresh(), expected_version=fresh().version))  # fmt: skip
    step("submit for approval", lambda: services.assessment_submit_approval(
        actor=office, assessment=fresh(), expected_version=fresh().version))  # fmt: skip
    leader = _leader(office, region)
    step("approve", lambda: services.assessment_approve(
        actor=leader, assessment=fresh(), expected_version=fresh().version))  # fmt: skip
    step("publish", lambda: services.assessment_publish(
        actor=office, assessment=fresh(), expected_version=fresh().version))  # fmt: skip
    step("score sheet .xlsx", lambda: write_scores_xlsx(io.BytesIO(), assessment=fresh(), today=today))
    step("ranking circular .docx", lambda: ranking_docx(fresh()))
    _warnings(step, today)
    units = assessment.units.count()
    lines = Assignment.objects.filter(
        unit__assessments__assessment=assessment, task__plan__region=region
    ).count()
    results.write_text(
        json.dumps(
            {
                "label": label,
                "steps": steps,
                "target_total": sum(s for name, s, _ in steps if name in TARGETED),
                "units": units,
                "lines": lines,
            }
        )
    )


def _leader(office: User, region: Region) -> User:
    """A leader of the province, who approves the results before the office publishes them."""
    leader = user_create(
        username="bench_leader", display_name="领导", unit=office.unit, password=None, actor=None
    )
    role_grant(user=leader, role=Role.LEADER, region=region, actor=None)
    return leader


def _score_by_hand(office: User, assessment: Assessment) -> None:
    scores = Score.objects.filter(
        assessed__assessment=assessment, indicator__method=Indicator.Method.MANUAL
    ).select_related("indicator")
    for n, score in enumerate(scores):
        points = score.indicator.max_points - (n % 3)
        services.assessor_score_save(
            actor=office,
            score=score,
            value=points,
            reason="" if points == score.indicator.max_points else "资料不全，酌情扣分",
            expected_version=score.version,
        )


def _warnings(step, today: date) -> None:
    """The warning refresh over the whole province, twice: raising everything, then finding it unchanged."""
    try:
        from taizhang.alerts.services import alerts_refresh
    except ImportError:
        print("  warning refresh: not built yet", flush=True)
        return
    step("warning refresh (first: raises all)", lambda: alerts_refresh(today=today))
    step("warning refresh (again: no change)", lambda: alerts_refresh(today=today))
