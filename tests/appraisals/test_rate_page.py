"""The public rater page and the office's survey page: a rater with no account enters a code, grades each
unit and submits once; a wrong or used code is a 422 with its reason, and enough wrong codes from one
address are throttled like sign-in (429). The office downloads the codes as an .xlsx, once."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.appraisals.models import RaterCode, Tally
from taizhang.appraisals.services import codes_issue, survey_create, survey_open

pytestmark = pytest.mark.django_db
RATE = "/rate/"


@pytest.fixture
def survey(city):
    survey = survey_create(
        actor=city.admin, region=city.region, year=2021, title="2021年度民主测评", units=[city.a, city.b]
    )
    return survey


def _ballot(city, code, a="satisfied", b="fair"):
    return {"code": code, "ballot": "1", f"unit_{city.a.pk}": a, f"unit_{city.b.pk}": b}


def test_a_rater_enters_a_code_grades_each_unit_and_cannot_rate_twice(city, survey):
    (code,) = codes_issue(actor=city.admin, survey=survey, count=1)
    survey_open(actor=city.admin, survey=survey, expected_version=survey.version)
    rater = Client()
    assert rater.get(RATE).status_code == 200
    page = rater.post(RATE, {"code": code})
    assert page.status_code == 200 and "市财政局" in page.text and "基本满意" in page.text
    done = rater.post(RATE, _ballot(city, code))
    assert done.status_code == 200 and "评价已提交" in done.text
    assert Tally.objects.get(unit=city.a, grade="satisfied").votes == 1
    again = rater.post(RATE, _ballot(city, code))
    assert again.status_code == 422 and "该测评码已使用" in again.text
    assert Tally.objects.get(unit=city.a, grade="satisfied").votes == 1


def test_a_wrong_code_is_422_with_its_reason_and_many_are_throttled(city, survey, settings):
    settings.TAIZHANG_THROTTLE_FAILURES = 3
    rater = Client()
    for _ in range(3):
        wrong = rater.post(RATE, {"code": "WRONGCODE1"})
        assert wrong.status_code == 422 and "测评码不正确" in wrong.text
    throttled = rater.post(RATE, {"code": "WRONGCODE1"})
    assert throttled.status_code == 429 and "尝试次数过多" in throttled.text
    assert rater.post(RATE, {"code": ""}).status_code == 429


def test_the_office_downloads_the_codes_once_as_xlsx(city, survey):
    office = Client()
    office.force_login(city.admin)
    answer = office.post(reverse("survey_codes", args=[survey.pk]), {"count": 3})
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/vnd.openxml")
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    codes = [row[1] for row in rows[2:5]]
    assert len(codes) == 3 and RaterCode.objects.filter(survey=survey).count() == 3
    page = office.get(reverse("survey_detail", args=[survey.pk]))
    assert page.status_code == 200 and not any(code in page.text for code in codes)
    refused = office.post(reverse("survey_codes", args=[survey.pk]), {"count": 0})
    assert refused.status_code == 422


def test_a_unit_reaches_no_survey_page(city, survey):
    liaison = Client()
    liaison.force_login(city.liaison_a)
    assert liaison.get(reverse("survey_list")).status_code == 403
    assert liaison.get(reverse("survey_detail", args=[survey.pk])).status_code == 403
