"""rectification_create: an item without a finding, about a task or a regulation of the unit's region."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.rectification.services import rectification_create
from tests.factories import make_plan, make_regulation
from tests.inspections.world import TODAY

pytestmark = pytest.mark.django_db


def _create(city, **fields):
    values = {
        "actor": city.admin,
        "unit": city.b,
        "title": "修订公务接待制度",
        "measures": "修订完善",
        "deadline": TODAY + timedelta(days=60),
        "regulation": city.regulation,
    }
    return rectification_create(**(values | fields))


def test_the_office_assigns_an_item_about_a_regulation(city):
    item = _create(city)
    assert (item.unit, item.regulation, item.finding, item.state) == (city.b, city.regulation, None, "open")


def test_an_item_names_a_task_or_a_regulation(city):
    with pytest.raises(ValidationError):
        _create(city, regulation=None)
    assert _create(city, regulation=None, task=city.task_2).task == city.task_2


def test_a_deadline_in_the_past_is_refused(city):
    with pytest.raises(ValidationError) as refused:
        _create(city, deadline=TODAY - timedelta(days=1))
    assert "deadline" in refused.value.message_dict


def test_tasks_and_regulations_of_another_region_are_refused(city):
    with pytest.raises(ValidationError):
        _create(city, regulation=make_regulation(region=city.other))
    with pytest.raises(ValidationError):
        _create(city, regulation=None, task=make_plan(region=city.other).tasks.first())


def test_a_title_is_required(city):
    with pytest.raises(ValidationError):
        _create(city, title=" ")


@pytest.mark.parametrize("who", ["leader", "liaison_b", "head_b", "admin_x"])
def test_only_the_office_covering_the_unit_assigns(city, who):
    with pytest.raises(PermissionDenied):
        _create(city, actor=getattr(city, who))
