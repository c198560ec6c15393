"""inspection_plan: the office of a region plans an inspection of its units, led by a member of the
leadership; everything it names lies in the region; a covert kind is covert; ``follows`` is a 再督查."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Inspection
from taizhang.inspections.services import inspection_plan
from tests.factories import make_plan, make_regulation
from tests.inspections.world import TODAY, advance, plan

pytestmark = pytest.mark.django_db


def test_the_office_plans_an_inspection_with_its_scope_and_an_audit_entry(city):
    inspection = plan(city, lead_leader=city.leader, lead_leader_name="")
    assert inspection.state == Inspection.State.PLANNED and inspection.version == 1
    assert set(inspection.units.all()) == {city.a, city.b}
    assert list(inspection.tasks.all()) == [city.task_1]
    assert list(inspection.regulations.all()) == [city.regulation]
    assert inspection.lead_leader_name == "李书记"  # the account's name when none is typed
    event = AuditEvent.objects.get(action="inspection.plan")
    assert event.actor == city.admin and event.after["units"] == sorted([city.a.pk, city.b.pk])


def test_a_covert_kind_is_always_covert(city):
    assert plan(city, kind=Inspection.Kind.COVERT, covert=False).covert is True
    assert plan(city, kind=Inspection.Kind.SURPRISE, covert=True).covert is True
    assert plan(city, kind=Inspection.Kind.SPOT).covert is False


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison_a", "head_a", "unit_leader_a", "admin_x"])
def test_only_the_regions_office_admin_plans_inspections(city, who):
    with pytest.raises(PermissionDenied):
        inspection_plan(
            actor=getattr(city, who),
            kind="open",
            title="检查",
            region=city.region,
            start_date=TODAY,
            units=[city.a],
            lead_leader_name="李书记",
        )
    assert not Inspection.objects.exists()


def test_units_of_another_region_are_refused(city):
    with pytest.raises(ValidationError) as refused:
        plan(city, units=[city.a, city.x])
    assert "units" in refused.value.message_dict and not Inspection.objects.exists()


def test_an_inspection_names_at_least_one_unit(city):
    with pytest.raises(ValidationError):
        plan(city, units=[])


def test_a_leading_leader_is_required(city):
    with pytest.raises(ValidationError) as refused:
        plan(city, lead_leader_name="  ")
    assert "lead_leader_name" in refused.value.message_dict


def test_the_leaders_account_must_lead_in_the_region(city):
    with pytest.raises(ValidationError):
        plan(city, lead_leader=city.liaison_a)


def test_tasks_and_regulations_of_another_region_are_refused(city):
    other_task = make_plan(region=city.other).tasks.first()
    with pytest.raises(ValidationError):
        plan(city, tasks=[other_task])
    with pytest.raises(ValidationError):
        plan(city, regulations=[make_regulation(region=city.other)])
    assert plan(city, regulations=[make_regulation(region=None)])  # a central regulation applies everywhere


def test_the_end_may_not_precede_the_start(city):
    with pytest.raises(ValidationError):
        plan(city, end_date=TODAY - timedelta(days=1))


def test_follows_makes_a_reinspection_of_a_finished_inspection(city):
    earlier = advance(city, plan(city), Inspection.State.DONE)
    again = plan(city, follows=earlier, title="再督查")
    assert again.reinspection and again.follows == earlier
    assert plan(city, reinspection=True, follows=None).reinspection  # 再督查 of the units


def test_an_unfinished_inspection_cannot_be_followed(city):
    with pytest.raises(ValidationError) as refused:
        plan(city, follows=plan(city))
    assert "follows" in refused.value.message_dict
