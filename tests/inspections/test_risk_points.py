"""风险点 and 重点风险点及时排查: a unit registers, its head confirms or returns; an inspection of the 排查
kind checks confirmed risk points of its units; the office sees which high ones no inspection of the year
checked; a unit sees only its own."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Inspection, RiskPoint
from taizhang.inspections.riskpoints import (
    risk_point_decide,
    risk_point_get,
    risk_point_overview,
    risk_point_register,
    uncovered_high,
)
from taizhang.lib.refusal import Refusal
from tests.inspections.world import plan

pytestmark = pytest.mark.django_db


def _register(city, unit=None, level="high", post="工程招投标"):
    unit = unit or city.a
    liaison = city.liaison_a if unit == city.a else city.liaison_b
    return risk_point_register(
        actor=liaison,
        unit=unit,
        post=post,
        description="评标专家抽取不规范",
        level=level,
        measures="全程留痕",
    )


def _approve(city, point):
    head = city.head_a if point.unit == city.a else city.head_b
    return risk_point_decide(actor=head, point=point, approve=True, expected_version=point.version)


def test_a_liaison_registers_and_the_head_confirms_with_audit(city):
    point = _register(city)
    assert point.state == RiskPoint.State.SUBMITTED
    point = _approve(city, point)
    assert point.state == RiskPoint.State.APPROVED and point.decided_by == city.head_a
    actions = list(
        AuditEvent.objects.filter(action__startswith="risk_point.", object_id=str(point.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == ["risk_point.register", "risk_point.decide"]


def test_the_head_returns_with_a_reason_and_cannot_decide_twice(city):
    point = _register(city)
    with pytest.raises(Refusal) as blank:
        risk_point_decide(actor=city.head_a, point=point, approve=False, reason=" ", expected_version=1)
    assert blank.value.code == "reason_required"
    point = risk_point_decide(
        actor=city.head_a, point=point, approve=False, reason="措施不具体", expected_version=1
    )
    assert (point.state, point.return_reason) == (RiskPoint.State.RETURNED, "措施不具体")
    with pytest.raises(Refusal) as again:
        risk_point_decide(actor=city.head_a, point=point, approve=True, expected_version=point.version)
    assert again.value.code == "already_decided"


def test_only_the_units_own_people_register_and_only_its_head_decides(city):
    with pytest.raises(PermissionDenied):
        risk_point_register(actor=city.liaison_b, unit=city.a, post="岗位", description="描述", level="low")
    with pytest.raises(Refusal) as bad:
        risk_point_register(actor=city.liaison_a, unit=city.a, post="岗位", description="描述", level="严重")
    assert bad.value.code == "bad_level"
    point = _register(city)
    with pytest.raises(Refusal) as liaison:
        risk_point_decide(actor=city.liaison_a, point=point, approve=True, expected_version=1)
    assert liaison.value.code == "not_unit_head"
    with pytest.raises(Refusal):
        risk_point_decide(actor=city.head_b, point=point, approve=True, expected_version=1)
    assert RiskPoint.objects.get(pk=point.pk).state == RiskPoint.State.SUBMITTED


def test_a_unit_reads_only_its_own_risk_points(city):
    mine, theirs = _register(city), _register(city, unit=city.b, post="资金拨付")
    assert risk_point_get(user=city.liaison_a, pk=mine.pk) == mine
    with pytest.raises(Http404):
        risk_point_get(user=city.liaison_a, pk=theirs.pk)
    with pytest.raises(Http404):
        risk_point_get(user=city.admin_x, pk=mine.pk)
    client = Client()
    client.force_login(city.liaison_a)
    page = client.get(reverse("risk_point_register")).content.decode()
    assert "工程招投标" in page and "资金拨付" not in page
    assert client.get(reverse("risk_point_register") + f"?unit={city.b.pk}").status_code == 404


def test_a_risk_check_covers_the_points_it_checks_and_the_uncovered_high_ones_are_listed(city):
    checked = _approve(city, _register(city))
    missed = _approve(city, _register(city, unit=city.b, post="资金拨付"))
    _approve(city, _register(city, unit=city.b, post="印章管理", level="low"))
    _register(city, post="待审核的")  # pending: listed, never "uncovered" until confirmed
    plan(city, kind=Inspection.Kind.RISK, title="风险点排查", risk_points=[checked])
    rows = risk_point_overview(user=city.admin, year=2021)
    assert {r.point.post: r.covered for r in rows} == {
        "工程招投标": True,
        "资金拨付": False,
        "印章管理": False,
        "待审核的": False,
    }
    assert [r.point for r in uncovered_high(rows)] == [missed]
    assert risk_point_overview(user=city.admin, year=2022)[0].covered is False  # another year: not covered
    assert risk_point_overview(user=city.admin_x, year=2021) == []  # another city sees none


def test_an_inspection_checks_only_confirmed_risk_points_of_its_units(city):
    pending = _register(city)
    with pytest.raises(Refusal) as refused:
        plan(city, kind=Inspection.Kind.RISK, risk_points=[pending])
    assert refused.value.code == "risk_points_outside"
    outside = _approve(city, _register(city, unit=city.b))
    with pytest.raises(Refusal):
        plan(city, kind=Inspection.Kind.RISK, units=[city.a], risk_points=[outside])
    assert not Inspection.objects.exists()


def test_the_office_page_lists_the_uncovered_high_points(city):
    _approve(city, _register(city))
    client = Client()
    client.force_login(city.leader)
    page = client.get(reverse("risk_point_overview") + "?year=2021")
    assert page.status_code == 200
    assert "未排查的高风险点" in page.content.decode() and "工程招投标" in page.content.decode()


def test_the_head_confirms_from_the_register_page(city):
    point = _register(city)
    client = Client()
    client.force_login(city.head_a)
    url = reverse("risk_point_decide", args=[point.pk])
    response = client.post(url, {"action": "approve", "expected_version": 1})
    assert response.status_code == 302
    assert RiskPoint.objects.get(pk=point.pk).state == RiskPoint.State.APPROVED


def test_the_three_checks_are_kinds_of_inspection():
    labels = dict(Inspection.Kind.choices)
    assert [labels[k] for k in ("field", "post", "risk")] == [
        "重点领域经常性检查",
        "重要岗位环节重点稽查",
        "重点风险点及时排查",
    ]


def test_the_overview_costs_the_same_queries_for_any_number_of_risk_points(
    city, django_assert_max_num_queries
):
    for n in range(8):
        _approve(city, _register(city, unit=city.a if n % 2 else city.b, post=f"岗位{n}"))
    with django_assert_max_num_queries(4):
        rows = risk_point_overview(user=city.admin, year=2021)
        names = {r.point.unit.name for r in rows}  # the units come with the rows
    assert len(rows) == 8 and names == {city.a.name, city.b.name}
