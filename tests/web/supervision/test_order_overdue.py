"""order_overdue (逾期督办): replies owed after the deadline, longest overdue first, with how far the
escalation has gone."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.supervision.services import order_mark_overdue, order_reply
from tests.factories import make_order
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def test_the_office_sees_the_units_still_owing_with_the_escalation_stage(client, city, order, r1, r2, clock):
    order_reply(actor=city.liaison2, recipient=r2, text="已办理。", expected_version=r2.version)
    clock(date(2021, 7, 4))  # day 3 after the deadline: the head has been told
    order_mark_overdue(today=date(2021, 7, 1))
    client.force_login(city.office)
    response = client.get(reverse("order_overdue"))
    html = page(response)
    assert list(response.context["page"]) == [r1]
    assert "市发展和改革委员会" in html and "市财政局" not in html
    assert '<td class="num" data-label="逾期天数">4</td>' in html and "已升级至单位负责人" in html


def test_a_reply_not_yet_marked_by_the_command_is_listed_too(client, city, order, clock):
    clock(date(2021, 7, 1))
    client.force_login(city.leader)
    assert len(client.get(reverse("order_overdue")).context["page"]) == 2


def test_nothing_before_the_deadline_has_passed(client, city, order):
    client.force_login(city.office)
    assert "没有逾期的督办" in page(client.get(reverse("order_overdue")))


@pytest.mark.parametrize("who", ["liaison1", "head1"])
def test_units_get_403(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("order_overdue")).status_code == 403


def test_the_list_costs_the_same_for_2_and_20_rows(client, city, clock):
    clock(date(2021, 8, 1))
    client.force_login(city.office)
    counts = []
    for n in (1, 10):
        for _ in range(n):
            make_order(units=[city.u1, city.u2], issuer=city.office)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("order_overdue"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
