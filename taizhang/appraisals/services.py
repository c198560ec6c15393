"""Writes of 民主测评: the office of a region opens a survey of its units (``survey_create``), issues rater
codes (``codes_issue``: the clear codes are returned once, for the .xlsx, and stored as SM3 digests), opens
and closes it (``survey_open`` / ``survey_close``); a rater casts one ballot with a code (``ballot_cast``).

Every service: keyword-only arguments, checks first, one transaction with its audit entry. A ballot's audit
entry names the survey only — never the code, so no record ties a rater to their grades."""

from __future__ import annotations

import math
import secrets
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.appraisals.codes import AppraisalCode
from taizhang.appraisals.models import GRADES, RaterCode, Scale, Survey, Tally
from taizhang.audit.services import audit_record
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.gm import sm3
from taizhang.lib.refusal import Refusal
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no look-alikes (0/O, 1/I/L)
CODE_LENGTH = 10  # about 50 bits: a one-time code, and wrong guesses are throttled
MAX_CODES = 2000
_DOING = {"doing": "组织民主测评", "doing_en": "run appraisal surveys"}


def code_digest(code: str) -> str:
    """How a code is kept and looked up: the SM3 digest of its normalised text (case, spaces, dashes)."""
    text = "".join(c for c in (code or "").upper() if c.isalnum())
    return sm3(text.encode())


def top_quota(survey: Survey, units: int) -> int | None:
    """How many of one rater's ``units`` grades may be the top grade: ``quota_percent`` of them, rounded
    down but at least one; None without a quota."""
    if not survey.quota_percent:
        return None
    return max(1, math.floor(units * survey.quota_percent / 100))


def _check_state(survey: Survey, *allowed: str, doing: str, doing_en: str) -> None:
    if survey.state not in allowed:
        raise Refusal(
            AppraisalCode.WRONG_STATE,
            f"测评当前为“{survey.get_state_display()}”，不能{doing}。",
            f"A survey that is {survey.state} cannot be {doing_en}.",
        )


def survey_create(
    *,
    actor: User,
    region: Region,
    year: int,
    title: str,
    units: Sequence[Unit],
    scale: str = Scale.SATISFACTION,
    quota_percent: int = 0,
) -> Survey:
    """开展测评: a survey of ``units`` (of the region and below) for ``year``, in preparation."""
    require_office_admin_of(actor, region.pk, **_DOING)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise Refusal(
            AppraisalCode.BAD_TITLE, "请填写测评名称（不超过200字）。", "A title of at most 200 characters."
        )
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Refusal(AppraisalCode.BAD_YEAR, "年度无效。", "The year is not valid.")
    if scale not in Scale.values:
        raise Refusal(AppraisalCode.BAD_SCALE, "请选择评价等次。", "Choose the grades.")
    if not 0 <= quota_percent <= 100:
        raise Refusal(AppraisalCode.BAD_QUOTA, "比例上限须在0到100之间。", "The quota is between 0 and 100.")
    if not units:
        raise Refusal(AppraisalCode.NO_UNITS, "请选择被测评单位。", "Choose the units.")
    if any(u.region_id not in region_subtree_ids({region.pk}) for u in units):
        raise Refusal(
            AppraisalCode.WRONG_UNITS, "被测评单位须属于本地区。", "The units must be of the region."
        )
    with transaction.atomic():
        survey = Survey.objects.create(
            region=region, year=year, title=title, scale=scale, quota_percent=quota_percent, created_by=actor
        )
        survey.units.set(units)
        after = {"year": year, "title": title, "scale": scale, "quota_percent": quota_percent}
        audit_record(actor=actor, action="survey.create", obj=survey, after={**after, "units": len(units)})
    return survey


def codes_issue(*, actor: User, survey: Survey, count: int) -> list[str]:
    """发放测评码: ``count`` new one-time codes, returned in clear this once (for the .xlsx); only their
    digests are stored. While the survey is in preparation or open."""
    require_office_admin_of(actor, survey.region_id, **_DOING)
    _check_state(survey, Survey.State.DRAFT, Survey.State.OPEN, doing="发放测评码", doing_en="given codes")
    if not 1 <= count <= MAX_CODES:
        raise Refusal(
            AppraisalCode.BAD_COUNT, f"测评码数量须在1到{MAX_CODES}之间。", f"Issue 1 to {MAX_CODES} codes."
        )
    codes = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(count)]
    with transaction.atomic():
        RaterCode.objects.bulk_create([RaterCode(survey=survey, digest=code_digest(c)) for c in codes])
        audit_record(actor=actor, action="survey.codes_issue", obj=survey, after={"count": count})
    return codes


def survey_open(*, actor: User, survey: Survey, expected_version: int) -> Survey:
    """开始测评: raters may cast ballots from now; needs codes issued."""
    require_office_admin_of(actor, survey.region_id, **_DOING)
    _check_state(survey, Survey.State.DRAFT, doing="开始测评", doing_en="opened")
    if not survey.codes.exists():
        raise Refusal(AppraisalCode.NO_CODES, "请先发放测评码。", "Issue rater codes first.")
    with transaction.atomic():
        save_versioned(survey, expected_version=expected_version, state=Survey.State.OPEN)
        audit_record(actor=actor, action="survey.open", obj=survey, after={"state": survey.state})
    return survey


def survey_close(*, actor: User, survey: Survey, expected_version: int) -> Survey:
    """结束测评: no more ballots; the results count for the year's 满意度 indicator."""
    require_office_admin_of(actor, survey.region_id, **_DOING)
    _check_state(survey, Survey.State.OPEN, doing="结束测评", doing_en="closed")
    with transaction.atomic():
        save_versioned(
            survey, expected_version=expected_version, state=Survey.State.CLOSED, closed_at=timezone.now()
        )
        audit_record(actor=actor, action="survey.close", obj=survey, after={"state": survey.state})
    return survey


def code_survey(code: str) -> Survey:
    """The open survey a code (unused) belongs to; a ``Refusal`` for a wrong, used or closed one."""
    row = RaterCode.objects.select_related("survey").filter(digest=code_digest(code)).first()
    if row is None:
        raise Refusal(AppraisalCode.BAD_CODE, "测评码不正确。", "The code is not valid.")
    if row.used:
        raise Refusal(
            AppraisalCode.USED_CODE, "该测评码已使用，每个测评码只能评价一次。", "This code has been used."
        )
    if row.survey.state != Survey.State.OPEN:
        raise Refusal(AppraisalCode.WRONG_STATE, "该测评未在进行中。", "This survey is not open.")
    return row.survey


def _check_ballot(survey: Survey, grades: Mapping[int, str]) -> None:
    unit_ids = set(survey.units.values_list("pk", flat=True))
    if set(grades) != unit_ids:
        raise Refusal(AppraisalCode.INCOMPLETE, "请对每个单位作出评价。", "Grade every unit.")
    allowed = {value for value, _label in GRADES[survey.scale]}
    if any(g not in allowed for g in grades.values()):
        raise Refusal(AppraisalCode.BAD_GRADE, "评价等次无效。", "Unknown grade.")
    top = GRADES[survey.scale][0][0]
    quota = top_quota(survey, len(unit_ids))
    if quota is not None and sum(g == top for g in grades.values()) > quota:
        label = GRADES[survey.scale][0][1]
        raise Refusal(
            AppraisalCode.OVER_QUOTA,
            f"“{label}”最多评 {quota} 个单位（不超过{survey.quota_percent}%）。",
            f"At most {quota} units may get the top grade ({survey.quota_percent}%).",
        )


def ballot_cast(*, code: str, grades: Mapping[int, str]) -> Survey:
    """投票: one rater grades every unit of the survey with their code, within the quota; the code is then
    used. The grades go into the tallies only — nothing stores which code gave them."""
    survey = code_survey(code)
    _check_ballot(survey, grades)
    with transaction.atomic():
        # Under the row lock: a second ballot with the same code waits here and then finds it used.
        claimed = RaterCode.objects.filter(digest=code_digest(code), used=False).update(used=True)
        if not claimed:
            raise Refusal(
                AppraisalCode.USED_CODE,
                "该测评码已使用，每个测评码只能评价一次。",
                "This code has been used.",
            )
        for unit_id, grade in sorted(grades.items()):
            tally, _created = Tally.objects.get_or_create(survey=survey, unit_id=unit_id, grade=grade)
            Tally.objects.filter(pk=tally.pk).update(votes=F("votes") + 1)
        audit_record(actor=None, action="survey.ballot", obj=survey, after={"units": len(grades)})
    return survey
