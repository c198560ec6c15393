import pytest
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.selectors import assignment_list
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.plans.importing import NEW, import_confirm, import_preview
from taizhang.plans.models import Plan
from taizhang.plans.services import plan_publish
from taizhang.units.models import Unit
from tests.factories import make_plan, make_region, make_user
from tests.plans.conftest import PLAN_FIELDS, SMALL_PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(district, office):
    data = SMALL_PLAN.encode()
    preview = import_preview(actor=office, file_name="small.txt", data=data, region=district)
    return import_confirm(
        actor=office,
        preview=preview,
        unit_mapping=dict.fromkeys(preview.unmatched, NEW),
        region=district,
        data=data,
        file_name="small.txt",
        **PLAN_FIELDS,
    )


def test_publishing_a_draft_sets_its_time_and_version(draft, office):
    plan = plan_publish(actor=office, plan=draft, expected_version=draft.version)
    stored = Plan.objects.get(pk=draft.pk)
    assert (stored.status, stored.version) == (Plan.Status.PUBLISHED, 2)
    assert stored.published_at is not None and stored.published_at == plan.published_at


def test_units_see_their_lines_once_the_plan_is_published(draft, office):
    liaison = make_user(unit=Unit.objects.get(name="区审计局"), role=Role.LIAISON)
    assert not assignment_list(user=liaison).exists()
    plan_publish(actor=office, plan=draft, expected_version=draft.version)
    assert set(assignment_list(user=liaison).values_list("task__number", "role")) == {
        ("1", "cooperating"),
        ("2", "cooperating"),
    }


def test_publishing_is_audited_with_the_size_of_the_ledger(draft, office):
    plan_publish(actor=office, plan=draft, expected_version=draft.version)
    event = AuditEvent.objects.get(action="plan.publish")
    assert (event.actor, event.before["status"], event.after["status"]) == (office, "draft", "published")
    assert (event.after["lines"], event.after["units"]) == (5, 3)


def test_a_published_plan_cannot_be_published_again(draft, office):
    plan_publish(actor=office, plan=draft, expected_version=draft.version)
    with pytest.raises(Refusal) as caught:
        plan_publish(actor=office, plan=draft, expected_version=draft.version)
    assert caught.value.code == "not_draft"
    assert AuditEvent.objects.filter(action="plan.publish").count() == 1


def test_a_plan_without_tasks_cannot_be_published(district, office):
    empty = make_plan(region=district, level="district", status=Plan.Status.DRAFT, sections=0)
    with pytest.raises(Refusal) as caught:
        plan_publish(actor=office, plan=empty, expected_version=empty.version)
    assert caught.value.code == "no_tasks"
    empty.refresh_from_db()
    assert empty.status == Plan.Status.DRAFT


def test_publishing_from_a_stale_page_changes_nothing(draft, office):
    Plan.objects.filter(pk=draft.pk).update(version=5)  # someone saved the plan meanwhile
    with pytest.raises(StaleEdit):
        plan_publish(actor=office, plan=draft, expected_version=1)
    assert Plan.objects.get(pk=draft.pk).status == Plan.Status.DRAFT
    assert not AuditEvent.objects.filter(action="plan.publish").exists()


@pytest.mark.parametrize("who", ["liaison", "office_elsewhere"])
def test_only_the_regions_office_may_publish(draft, who):
    if who == "liaison":
        actor = make_user(unit=Unit.objects.get(name="区纪委"), role=Role.LIAISON)
    else:
        actor = make_user(role=Role.OFFICE_ADMIN, region=make_region())
    with pytest.raises(PermissionDenied):
        plan_publish(actor=actor, plan=draft, expected_version=draft.version)
    assert Plan.objects.get(pk=draft.pk).status == Plan.Status.DRAFT


def test_the_office_of_the_city_above_may_publish_a_district_plan(draft, district):
    city_office = make_user(role=Role.OFFICE_ADMIN, region=district.parent)
    assert plan_publish(actor=city_office, plan=draft, expected_version=draft.version).status == "published"
