"""合并单位: A's work moves to B, A's names become B's aliases, A is deactivated; refused, with every broken
rule listed, where the move would break one."""

import pytest
from django.core.exceptions import ValidationError

from taizhang.accounts.models import Role, RoleGrant
from taizhang.administration.merge import unit_merge
from taizhang.assessment.models import AssessedUnit, Assessment
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.supervision.models import OrderRecipient
from taizhang.units.codes import UnitCode
from taizhang.units.models import UnitAlias
from tests.factories import (
    make_alert,
    make_assignment,
    make_case,
    make_circular,
    make_finding,
    make_inspection,
    make_order,
    make_plan,
    make_rectification,
    make_region,
    make_report,
    make_standard_version,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    region = make_region(name="咸宁市")
    a = make_unit(region=region, name="市计划委员会", short_name="市计委")
    b = make_unit(region=region, name="市发展和改革委员会", short_name="市发改委")
    admin = make_user(unit=make_unit(region=region), role=Role.SYSTEM_ADMIN, region=region)
    return region, a, b, admin


def _assessment(region, units, state=Assessment.State.DRAFT):
    version = make_standard_version(region=region)
    assessment = Assessment.objects.create(
        region=region, year=2021, title=f"考核{region.pk}{state}", standard_version=version,
        created_by=version.created_by, state=state,
    )  # fmt: skip
    for unit in units:
        AssessedUnit.objects.create(assessment=assessment, unit=unit)
    return assessment


def test_the_work_of_a_moves_to_b_and_a_is_deactivated(city):
    region, a, b, admin = city
    plan = make_plan(region=region, tasks_per_section=2)
    task_1, task_2 = plan.tasks.order_by("order")[:2]
    line = make_assignment(task=task_1, unit=a)
    make_assignment(task=task_2, unit=b)
    report = make_report(assignment=line)
    liaison = make_user(unit=a, role=Role.LIAISON)
    finding = make_finding(unit=a)
    item = make_rectification(finding=finding)
    alert, case = make_alert(unit=a), make_case(unit=a)
    order = make_order(units=[a])
    inspection = make_inspection(units=[a, b])
    circular = make_circular(units=[a])
    _assessment(region, [a])
    UnitAlias.objects.create(region=region, unit=a, alias="计委", source="manual")

    counts = unit_merge(source=a, target=b, actor=admin)

    for row in (line, finding, item, alert, case):
        row.refresh_from_db()
        assert row.unit_id == b.pk, row
    report.refresh_from_db()
    assert report.assignment.unit_id == b.pk
    liaison.refresh_from_db()
    assert liaison.unit_id == b.pk
    assert RoleGrant.objects.get(user=liaison).unit_id == b.pk
    assert OrderRecipient.objects.get(order=order).unit_id == b.pk
    assert list(inspection.units.all()) == [b]
    assert list(circular.units.all()) == [b]
    assert AssessedUnit.objects.get().unit_id == b.pk
    assert set(b.aliases.values_list("alias", flat=True)) == {"计委", "市计划委员会", "市计委"}
    a.refresh_from_db()
    assert not a.active and not a.aliases.exists()
    assert counts["ledger.Assignment.unit"] == 1
    assert counts["reports (through ledger.Assignment)"] == 1
    assert counts["accounts.User.unit"] == 1


def test_the_merge_is_one_audit_entry_with_the_counts(city):
    _region, a, b, admin = city
    make_assignment(unit=a)
    unit_merge(source=a, target=b, actor=admin)
    event = AuditEvent.objects.get(action="unit.merge")
    assert event.actor == admin and event.object_id == str(b.pk)
    assert event.before["source_name"] == "市计划委员会"
    assert event.after["moved"]["ledger.Assignment.unit"] == 1
    assert sorted(event.after["aliases_added"]) == ["市计划委员会", "市计委"]


def test_a_role_b_already_gives_is_dropped_not_doubled(city):
    _region, a, b, admin = city
    person = make_user(unit=b)
    for unit in (a, b):
        RoleGrant.objects.create(user=person, role=Role.INSPECTOR, unit=unit)
    unit_merge(source=a, target=b, actor=admin)
    assert list(RoleGrant.objects.filter(user=person).values_list("unit_id", flat=True)) == [b.pk]


def _refusal(a, b, admin) -> str:
    with pytest.raises(ValidationError) as refused:
        unit_merge(source=a, target=b, actor=admin)
    assert refused.value.code == UnitCode.MERGE_REFUSED
    return refused.value.zh


def test_two_lines_on_one_task_refuse_the_merge_and_nothing_moves(city):
    region, a, b, admin = city
    task = make_plan(region=region).tasks.first()
    line_a = make_assignment(task=task, unit=a)
    make_assignment(task=task, unit=b)
    make_alert(unit=a)
    assert "责任分工" in _refusal(a, b, admin)
    assert Assignment.objects.get(pk=line_a.pk).unit_id == a.pk
    assert a.alerts.count() == 1
    a.refresh_from_db()
    assert a.active and not AuditEvent.objects.filter(action="unit.merge").exists()


def test_an_assessment_holding_both_and_an_order_to_both_are_each_listed(city):
    region, a, b, admin = city
    _assessment(region, [a, b])
    make_order(units=[a, b])
    message = _refusal(a, b, admin)
    assert "被考核单位" in message and "督办承办单位" in message


def test_a_unit_is_not_merged_into_itself(city):
    _, a, _, admin = city
    assert "自己" in _refusal(a, a, admin)


def test_units_outside_the_admins_region_or_in_two_regions_are_refused(city):
    _region, a, _b, admin = city
    elsewhere = make_unit(name="乙市某局")
    message = _refusal(a, elsewhere, admin)
    assert "不在您管理的行政区划内" in message and "同一行政区划" in message


def test_an_inactive_target_is_refused(city):
    _, a, b, admin = city
    b.active = False
    b.save()
    assert "已停用" in _refusal(a, b, admin)


def test_an_alias_of_a_third_unit_among_as_names_is_refused(city):
    region, a, b, admin = city
    third = make_unit(region=region)
    UnitAlias.objects.create(region=region, unit=third, alias="市计委", source="manual")
    assert "别名“市计委”" in _refusal(a, b, admin)
