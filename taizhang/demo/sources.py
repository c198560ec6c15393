"""问题线索来源 and 民主测评 in the demo, through the services: three petitions to the district office (one
turned into a finding of a running inspection, one being checked, one anonymous and concluded), an
opinion poll, and a closed 民主测评 of the district's units for the last assessed year — its ballots cast
with one-time codes as raters would, within the quota — which the 满意度 indicator can read."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.appraisals.models import GRADES, Scale
from taizhang.appraisals.services import (
    ballot_cast,
    codes_issue,
    survey_close,
    survey_create,
    survey_open,
    top_quota,
)
from taizhang.inspections.models import Inspection
from taizhang.inspections.services import inspection_plan, inspection_start
from taizhang.plans.models import Plan
from taizhang.sources.services import (
    petition_check,
    petition_conclude,
    petition_register,
    poll_record,
    source_to_finding,
)
from taizhang.units.models import Unit

RATERS = 30
SURVEYED = 10  # units of the district in the survey


def build_sources(plan: Plan, *, office: User, year: int, seed: int = 7) -> str:
    """The petitions, poll and survey above on the district ``plan``'s region; returns a line saying what."""
    region = plan.region
    units = list(Unit.objects.filter(region=region, active=True).order_by("order", "pk")[:SURVEYED])
    task = plan.tasks.order_by("order").first()
    today = timezone.localdate()
    with transaction.atomic():
        inspection = inspection_plan(
            actor=office, kind=Inspection.Kind.OPEN, title=f"{today.year}年作风建设明查", region=region,
            start_date=today, units=units[:3], lead_leader_name="区纪委副书记",
        )  # fmt: skip
        inspection = inspection_start(
            actor=office, inspection=inspection, expected_version=inspection.version
        )
        letter = petition_register(
            actor=office, region=region, channel="letter", received_on=today - timedelta(days=12),
            summary="办事窗口推诿扯皮", content="群众来信反映办事窗口多次要求补材料，推诿扯皮，办理超时。",
            units=[units[0]], task=task, petitioner_name="刘某某", petitioner_contact="139****1234",
        )  # fmt: skip
        petition_check(actor=office, petition=letter, expected_version=letter.version)
        source_to_finding(
            actor=office, source=letter, inspection=inspection, unit=units[0],
            description="经核查，办事窗口存在一次性告知不到位、办理超时问题。",
        )  # fmt: skip
        visit = petition_register(
            actor=office, region=region, channel="visit", received_on=today - timedelta(days=5),
            summary="公车私用", content="来访反映某单位公务用车节假日停放在居民小区。",
            units=[units[1]], petitioner_name="陈某", petitioner_contact="138****5678",
        )  # fmt: skip
        petition_check(actor=office, petition=visit, expected_version=visit.version)
        online = petition_register(
            actor=office, region=region, channel="online", received_on=today - timedelta(days=30),
            summary="违规发放津补贴", content="网络举报某单位年底违规发放补贴。",
            units=[units[2]], anonymous=True,
        )  # fmt: skip
        petition_conclude(
            actor=office, petition=online, outcome="经核查，补贴按规定标准发放，查无实据，已在平台答复。",
            expected_version=online.version,
        )  # fmt: skip
        poll_record(
            actor=office, region=region, title=f"{today.year}年政风行风民意调查",
            conducted_on=today - timedelta(days=20),
            method="questionnaire", sample_size=1200, units=units[:5], task=task,
            findings_text="受访群众对办事效率的满意度为82%，对窗口服务态度的意见较集中。",
        )  # fmt: skip
        votes = _closed_survey(region, units, office=office, year=year, rng=random.Random(seed))
    return (
        f"  {region.name}：来信来访 3 件（1 件转为检查发现问题），民意调查 1 次，"
        f"{year}年民主测评 {len(units)} 个单位（{votes} 人投票，已结束）"
    )


def _closed_survey(region, units: list[Unit], *, office: User, year: int, rng: random.Random) -> int:
    survey = survey_create(
        actor=office, region=region, year=year, title=f"{year}年度党风廉政建设民主测评", units=units,
        scale=Scale.SATISFACTION, quota_percent=30,
    )  # fmt: skip
    codes = codes_issue(actor=office, survey=survey, count=RATERS)
    survey_open(actor=office, survey=survey, expected_version=survey.version)
    grades = [value for value, _label in GRADES[Scale.SATISFACTION]]
    quota = top_quota(survey, len(units)) or len(units)
    cast = codes[: RATERS - 4]  # a few raters never came
    for code in cast:
        top = set(rng.sample(range(len(units)), rng.randint(0, quota)))
        ballot = {
            unit.pk: grades[0] if i in top else rng.choices(grades[1:], weights=(8, 1))[0]
            for i, unit in enumerate(units)
        }
        ballot_cast(code=code, grades=ballot)
    survey_close(actor=office, survey=survey, expected_version=survey.version)
    return len(cast)
