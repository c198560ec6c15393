"""The audit log page costs the same queries for ten entries or a thousand, with or without filters."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from tests.auditlog.helpers import add_entries
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def _queries(client, django_assert_max_num_queries, params):
    with django_assert_max_num_queries(100) as captured:
        response = client.get(reverse("audit_log"), params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _fill(land, n):
    units = [make_unit(region=land.city_a) for _ in range(3)]
    actors = [make_user(unit=unit, role=Role.LIAISON) for unit in units]
    for i in range(n):
        add_entries(1, region_ref=land.city_a.pk, actor=actors[i % 3], unit_ref=units[i % 3].pk,
                    before={"a": i}, after={"a": i + 1})  # fmt: skip


@pytest.mark.parametrize("params", [{}, {"unit": "测试局", "user": "clerk_a", "start": "2024-01-01"}])
def test_ten_entries_or_a_thousand_cost_the_same_queries(client, land, django_assert_max_num_queries, params):
    client.force_login(land.auditor_a)
    _fill(land, 10)
    few = _queries(client, django_assert_max_num_queries, params)
    _fill(land, 990)
    assert _queries(client, django_assert_max_num_queries, params) == few
