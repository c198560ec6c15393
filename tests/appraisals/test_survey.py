"""民主测评: the office opens a survey, issues one-time codes (kept as digests), raters grade every unit
within the quota with a code once, the tallies keep no rater, and the closed survey is the year's 满意度."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.appraisals.models import RaterCode, Survey, Tally
from taizhang.appraisals.selectors import survey_results
from taizhang.appraisals.services import (
    ballot_cast,
    codes_issue,
    survey_close,
    survey_create,
    survey_open,
    top_quota,
)
from taizhang.assessment.metrics import Scope, measure
from taizhang.assessment.models import Metric
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.factories import make_unit
from tests.language import english_only

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_reader")]


@pytest.fixture
def running(city):
    """An open survey of A, B and a third unit with a 40% quota (one 满意 a rater), and five codes."""
    c = make_unit(region=city.region, name="市审计局")
    survey = survey_create(
        actor=city.admin, region=city.region, year=2021, title="2021年度民主测评", units=[city.a, city.b, c],
        quota_percent=40,
    )  # fmt: skip
    codes = codes_issue(actor=city.admin, survey=survey, count=5)
    survey_open(actor=city.admin, survey=survey, expected_version=survey.version)
    return survey, codes, c


def _all(city, c, first="satisfied", rest="fair"):
    return {city.a.pk: first, city.b.pk: rest, c.pk: rest}


def test_codes_are_kept_only_as_digests(city, running):
    survey, codes, _c = running
    assert len(set(codes)) == 5 and all(len(code) == 10 for code in codes)
    stored = list(RaterCode.objects.filter(survey=survey).values_list("digest", flat=True))
    assert len(stored) == 5 and not set(codes) & set(stored)


def test_a_code_casts_one_ballot_only(city, running):
    survey, codes, c = running
    ballot_cast(code=codes[0].lower(), grades=_all(city, c))  # case does not matter
    with pytest.raises(Refusal) as refused:
        ballot_cast(code=codes[0], grades=_all(city, c))
    assert refused.value.code == "used_code" and english_only(refused.value.messages[0])
    assert Tally.objects.get(survey=survey, unit=city.a, grade="satisfied").votes == 1


def test_a_wrong_code_is_refused(city, running):
    with pytest.raises(Refusal) as refused:
        ballot_cast(code="NOTACODE00", grades={})
    assert refused.value.code == "bad_code"


def test_the_quota_of_top_grades_is_enforced_and_a_refused_ballot_keeps_the_code(city, running):
    survey, codes, c = running
    assert top_quota(survey, 3) == 1  # 40% of 3, rounded down
    with pytest.raises(Refusal) as refused:
        ballot_cast(code=codes[1], grades=_all(city, c, first="satisfied", rest="satisfied"))
    assert refused.value.code == "over_quota"
    assert not Tally.objects.exists() and not RaterCode.objects.filter(used=True).exists()
    ballot_cast(code=codes[1], grades=_all(city, c))  # the same code, within the quota


def test_every_unit_must_be_graded_with_a_grade_of_the_scale(city, running):
    _survey, codes, c = running
    with pytest.raises(Refusal) as refused:
        ballot_cast(code=codes[2], grades={city.a.pk: "fair"})
    assert refused.value.code == "incomplete"
    with pytest.raises(Refusal) as refused:
        ballot_cast(code=codes[2], grades=_all(city, c, first="good"))
    assert refused.value.code == "bad_grade"


def test_results_and_the_satisfaction_indicator_read_the_closed_survey(city, running):
    survey, codes, c = running
    ballot_cast(code=codes[0], grades=_all(city, c, first="satisfied"))
    ballot_cast(code=codes[1], grades=_all(city, c, first="unsatisfied"))
    ballot_cast(code=codes[2], grades={city.a.pk: "fair", city.b.pk: "unsatisfied", c.pk: "satisfied"})
    results = {r.unit: r for r in survey_results(survey)}
    assert results[city.a].votes == {"satisfied": 1, "fair": 1, "unsatisfied": 1}
    assert (results[city.a].favourable, results[city.a].total, results[city.a].rate) == (2, 3, 0.6667)
    scope = Scope(
        year=2021, unit_ids=frozenset({city.a.pk, city.b.pk}), plan_ids=frozenset(), today=date(2021, 12, 1)
    )
    assert measure([Metric.SATISFACTION], scope)[Metric.SATISFACTION][city.a.pk]["rate"] is None  # still open
    survey_close(actor=city.admin, survey=survey, expected_version=survey.version)
    measured = measure([Metric.SATISFACTION], scope)[Metric.SATISFACTION]
    assert measured[city.a.pk] == {"numerator": 2, "denominator": 3, "rate": 0.6667}
    assert measured[city.b.pk] == {"numerator": 2, "denominator": 3, "rate": 0.6667}
    with pytest.raises(Refusal) as refused:
        ballot_cast(code=codes[3], grades=_all(city, c))
    assert refused.value.code == "wrong_state"


def test_a_ballots_audit_entry_names_the_survey_not_the_code(city, running):
    survey, codes, c = running
    ballot_cast(code=codes[0], grades=_all(city, c))
    entry = AuditEvent.objects.get(action="survey.ballot")
    assert entry.actor_id is None and codes[0] not in str(entry.after) and entry.object_id == str(survey.pk)


def test_only_the_regions_office_admin_runs_a_survey(city):
    with pytest.raises(PermissionDenied):
        survey_create(actor=city.leader, region=city.region, year=2021, title="x", units=[city.a])
    with pytest.raises(Refusal) as refused:
        survey_create(actor=city.admin, region=city.region, year=2021, title="x", units=[city.x])
    assert refused.value.code == "wrong_units"
    survey = survey_create(actor=city.admin, region=city.region, year=2021, title="x", units=[city.a])
    with pytest.raises(Refusal) as refused:
        survey_open(actor=city.admin, survey=survey, expected_version=survey.version)
    assert refused.value.code == "no_codes" and Survey.objects.get().state == "draft"
