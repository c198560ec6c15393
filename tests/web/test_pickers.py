"""The searchable pickers (issue 13 item 8): every unit and task picker is a ``<select data-picker>`` whose
choices are the office's region (and the districts below it) — never another city's units, never a unit no
longer in use — with 全选 by kind offered for units, and tasks named by number and short text under their
plan's title. One world for all the forms."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.fields import task_label
from taizhang.units.models import Region, Unit
from tests.factories import make_circular, make_inspection, make_plan, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    class W:
        pass

    w = W()
    w.city = make_region(name="甲市")
    w.district = make_region(name="甲市乙区", level=Region.Level.DISTRICT, parent=w.city)
    w.other = make_region(name="丙市")
    w.town = make_unit(region=w.city, name="甲市某街道办事处", kind=Unit.Kind.TOWNSHIP)
    w.bureau = make_unit(region=w.district, name="乙区财政局", kind=Unit.Kind.GOVERNMENT)
    w.gone = make_unit(region=w.city, name="甲市已撤并局")
    Unit.objects.filter(pk=w.gone.pk).update(active=False)
    w.outside = make_unit(region=w.other, name="丙市法院", kind=Unit.Kind.JUDICIAL)
    w.office = make_user(role=Role.OFFICE_ADMIN, region=w.city, unit=w.town)
    w.plan = make_plan(region=w.city, title="甲市方案全称很长很长")
    w.plan_other = make_plan(region=w.other, title="丙市方案")
    return w


def _select(html: str, name: str) -> str:
    found = re.search(rf'<select name="{name}"[^>]*>.*?</select>', html, flags=re.S)
    assert found, f"no select {name}"
    return found.group(0)


def _assert_region_units(w, select: str, *, multiple: bool) -> None:
    assert "data-picker" in select and ("multiple" in select.split(">")[0]) == multiple
    assert w.town.name in select and w.bureau.name in select
    assert w.outside.name not in select and w.gone.name not in select
    if multiple:  # 全选 by kind: the kinds present, each option marked
        assert "乡镇" in select and "政府部门" in select and "法院检察院" not in select
        assert re.search(rf'value="{w.town.pk}"[^>]* data-kind="township"', select)


def _assert_region_tasks(w, select: str) -> None:
    task = w.plan.tasks.order_by("order").first()
    assert "data-picker" in select
    assert f'<optgroup label="{w.plan.title}">' in select and select.count(w.plan.title) == 1
    assert f">{task_label(task)}</option>" in select
    assert w.plan_other.title not in select


def test_order_form_units_and_tasks(client, world):
    client.force_login(world.office)
    html = client.get(reverse("order_create")).content.decode()
    _assert_region_units(world, _select(html, "units"), multiple=True)
    _assert_region_tasks(world, _select(html, "tasks"))


def test_inspection_form_units_and_tasks(world):
    from taizhang.inspections.forms import InspectionForm

    form = InspectionForm(user=world.office)
    _assert_region_units(world, str(form["units"]), multiple=True)
    _assert_region_tasks(world, str(form["tasks"]))


def test_finding_form_unit_and_task_are_the_inspections(world):
    from taizhang.inspections.forms import FindingForm

    inspection = make_inspection(region=world.city, units=[world.town], created_by=world.office)
    form = FindingForm(inspection=inspection)
    unit = str(form["unit"])
    assert "data-picker" in unit and world.town.name in unit and world.outside.name not in unit
    _assert_region_tasks(world, str(form["task"]))


def test_circular_units(world):
    from taizhang.circulars.forms import CircularEditForm

    circular = make_circular(region=world.city, units=[world.town], created_by=world.office)
    select = str(CircularEditForm(circular=circular)["units"])
    _assert_region_units(world, select, multiple=True)
    assert f'value="{world.town.pk}" selected' in select  # its units stay chosen


def test_assessment_units(world):
    from taizhang.assessment.forms import AssessmentForm

    _assert_region_units(world, str(AssessmentForm(user=world.office)["units"]), multiple=True)


def test_rectification_item_unit_and_task(world):
    from taizhang.rectification.forms import ItemForm

    form = ItemForm(user=world.office)
    _assert_region_units(world, str(form["unit"]), multiple=False)
    _assert_region_tasks(world, str(form["task"]))


def test_talk_and_case_units(world):
    from taizhang.accountability.forms import CaseForm
    from taizhang.alerts.forms import TalkForm

    _assert_region_units(world, str(TalkForm(user=world.office)["unit"]), multiple=False)
    _assert_region_units(world, str(CaseForm(user=world.office)["unit"]), multiple=False)


def test_the_case_pages_unit_step_is_a_picker(client, world):
    client.force_login(world.office)
    html = client.get(reverse("case_create")).content.decode()
    assert re.search(r'<select id="pick-unit" name="unit" required data-picker', html)


def test_a_task_is_labelled_by_number_and_short_text():
    from taizhang.plans.models import Task

    folded = "建立健全 惩治和预防腐败体系" + "很长" * 40
    assert task_label(Task(number="3.", text="建立健全\n惩治和预防腐败体系" + "很长" * 40)) == (
        "3. " + folded[:40] + "…"
    )
    assert task_label(Task(number="", text="短任务")) == "短任务"


def test_a_choice_outside_the_region_is_refused(world):
    from taizhang.inspections.forms import InspectionForm

    form = InspectionForm({"units": [world.outside.pk]}, user=world.office)
    form.is_valid()
    assert "units" in form.errors


def test_every_page_loads_the_picker_script(client, world):
    client.force_login(world.office)
    assert "taizhang/picker.js" in client.get(reverse("order_create")).content.decode()
