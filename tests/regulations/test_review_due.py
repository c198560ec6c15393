"""定期清理: in-force regulations not reviewed within TAIZHANG_REGULATION_REVIEW_MONTHS months, oldest
first, counted from the latest of the review, the latest issued version and the issued date."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import override_settings

from taizhang.regulations.selectors import months_before, review_due
from tests.factories import make_regulation, make_regulation_version

TODAY = date(2023, 4, 5)  # with 24 months: due when last reviewed before 2021-04-05


@pytest.fixture
def titles(city):
    def due(today=TODAY, user=None):
        return [r.title for r in review_due(user=user or city.liaison1, today=today)]

    return due


def test_exactly_the_period_ago_is_not_due_a_day_more_is(city, titles):
    make_regulation(title="刚满", region=city.region, reviewed_on=date(2021, 4, 5))
    make_regulation(title="超一天", region=city.region, reviewed_on=date(2021, 4, 4))
    assert titles() == ["超一天"]


def test_oldest_first_and_the_fallbacks_reviewed_version_issued(city, titles):
    make_regulation(
        title="审查过", region=city.region, reviewed_on=date(2020, 5, 1), issued_on=date(2010, 1, 1)
    )
    versioned = make_regulation(title="有版本", region=city.region, issued_on=date(2015, 1, 1))
    make_regulation_version(regulation=versioned, issued_on=date(2019, 6, 1))
    make_regulation(title="只有印发日期", region=city.region, issued_on=date(2018, 1, 1))
    assert titles() == ["只有印发日期", "有版本", "审查过"]


def test_a_revision_issued_after_the_review_restarts_the_period(city, titles):
    regulation = make_regulation(title="修订过", region=city.region, reviewed_on=date(2020, 1, 1))
    make_regulation_version(regulation=regulation, issued_on=date(2022, 1, 1))
    assert titles() == []


def test_without_any_date_the_day_it_was_registered_counts(city, titles):
    with time_machine.travel(datetime(2021, 4, 1, 12, tzinfo=ZoneInfo("Asia/Shanghai"))):
        make_regulation(title="无日期", region=city.region)
    assert titles(today=date(2023, 4, 1)) == []
    assert titles(today=date(2023, 4, 2)) == ["无日期"]


def test_only_in_force_regulations_of_the_reader_s_regions_and_not_central_ones(city, titles):
    old = date(2000, 1, 1)
    make_regulation(title="起草中", region=city.region, status="drafting", issued_on=old)
    make_regulation(title="已废止", region=city.region, status="abolished", issued_on=old)
    make_regulation(title="中央的", region=None, issued_on=old)
    make_regulation(title="乙市的", region=city.other, issued_on=old)
    assert titles() == []
    assert titles(user=city.office_b) == ["乙市的"]


@override_settings(TAIZHANG_REGULATION_REVIEW_MONTHS=6)
def test_the_period_is_the_setting(city, titles):
    make_regulation(title="半年前", region=city.region, reviewed_on=date(2022, 10, 4))
    assert titles() == ["半年前"]


def test_months_before_keeps_the_day_or_takes_the_month_s_last():
    assert months_before(date(2023, 4, 5), 24) == date(2021, 4, 5)
    assert months_before(date(2024, 2, 29), 12) == date(2023, 2, 28)
    assert months_before(date(2023, 3, 31), 1) == date(2023, 2, 28)
    assert months_before(date(2023, 1, 15), 1) == date(2022, 12, 15)
