"""上下贯通 in the import preview: with the city's plan published above the district, seed 004's preview
suggests it as the upper plan (the preamble names it) and ticks the best upper task of each task; the
office unticks or ticks, and the confirm stores exactly what was ticked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.plans.models import Plan, TaskLink
from tests.plans.cascade_world import city_plan
from tests.web.plans.conftest import confirm_body, register_mapping
from tests.web.plans.helpers import HTMX
from tests.web.plans.test_plan_import_preview import MAX_QUERIES

pytestmark = pytest.mark.django_db

PREVIEW = "plan_import_preview"


@pytest.fixture
def city(district):
    return city_plan(district)


def _rows_by_number(cascade):
    return {r.task.number: r for r in cascade.rows}


def _ticked(cascade) -> dict[str, list[int]]:
    """The confirm form's checkboxes as the page ticked them."""
    return {f"link_{r.row}": [c.task.pk for c in r.candidates if c.chosen] for r in cascade.rows}


def test_the_preview_suggests_the_city_plan_and_the_best_upper_task(city, previewing):
    response = previewing.get(reverse(PREVIEW))
    cascade = response.context["cascade"]
    assert (cascade.named, cascade.upper) == (city, city)
    three_public = _rows_by_number(cascade)["62"]  # 建立完善“三公经费”管理长效机制
    assert three_public.candidates[0].task.number == "20"
    assert three_public.candidates[0].chosen and not any(c.chosen for c in three_public.candidates[1:])
    html = response.content.decode()
    assert f'<option value="{city.pk}" selected>' in html
    first = three_public.candidates[0].task.pk
    assert f'name="link_{three_public.row}" value="{first}" form="confirm-form" checked' in html


def test_confirm_stores_the_upper_plan_and_only_the_ticked_links(city, previewing, register):
    response = previewing.get(reverse(PREVIEW))
    cascade = response.context["cascade"]
    ticked = _ticked(cascade)
    rows = _rows_by_number(cascade)
    ticked[f"link_{rows['62'].row}"] = []  # the office unticks one …
    extra = city.tasks.get(number="26")
    ticked[f"link_{rows['1'].row}"].append(extra.pk)  # … and ticks another on a row
    body = {**confirm_body(response, register_mapping(register)), "upper_plan": city.pk, **ticked}
    assert previewing.post(reverse(PREVIEW), body).status_code == 302
    plan = Plan.objects.get(region=city.region.children.get())
    assert plan.parent_plan == city
    stored = set(TaskLink.objects.filter(task__plan=plan).values_list("task__number", "upper_id"))
    expected = {(r.task.number, pk) for r in cascade.rows for pk in ticked[f"link_{r.row}"]}
    assert stored == expected and ("1", extra.pk) in stored and not any(n == "62" for n, _ in stored)
    assert AuditEvent.objects.get(action="plan.accept_links").after["links_added"] == len(expected)


def test_a_link_outside_the_upper_plan_refuses_the_whole_import(city, previewing, register, district):
    other = city_plan(district, status="published")  # a second plan above, not the one chosen
    response = previewing.get(reverse(PREVIEW))
    row = response.context["cascade"].rows[0].row
    body = {
        **confirm_body(response, register_mapping(register)),
        "upper_plan": city.pk,
        f"link_{row}": other.tasks.first().pk,
    }
    refused = previewing.post(reverse(PREVIEW), body)
    assert refused.status_code == 400
    assert "所选上级任务不属于上级方案" in refused.content.decode()
    assert not Plan.objects.filter(region=district).exists() and not TaskLink.objects.exists()


def test_no_upper_plan_chosen_stores_no_link(city, previewing, register, district):
    response = previewing.get(reverse(PREVIEW))
    body = {
        **confirm_body(response, register_mapping(register)),
        "upper_plan": "",
        **_ticked(response.context["cascade"]),
    }
    previewing.post(reverse(PREVIEW), body)
    plan = Plan.objects.get(region=district)
    assert plan.parent_plan is None
    # without an upper plan a link may still go to a published plan above: the ticks were the city's
    assert TaskLink.objects.filter(task__plan=plan).exists()


def test_choosing_no_upper_plan_swaps_the_suggestions_out(city, previewing):
    response = previewing.get(reverse("plan_import_links"), {"upper_plan": ""}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section class="panel" id="cascade-links">') and "link_" not in html
    again = previewing.get(reverse("plan_import_links"), {"upper_plan": city.pk}, headers=HTMX)
    assert again.context["cascade"].upper == city and 'name="link_' in again.content.decode()


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-3"])
def test_a_tampered_upper_plan_is_refused_and_nothing_is_written(city, previewing, register, district, value):
    response = previewing.get(reverse(PREVIEW))
    body = {**confirm_body(response, register_mapping(register)), "upper_plan": value}
    refused = previewing.post(reverse(PREVIEW), body)
    assert refused.status_code == 400 and "所选上级方案不存在" in refused.content.decode()
    assert not Plan.objects.filter(region=district).exists()


def test_the_suggestions_cost_a_few_queries_whatever_the_number_of_tasks(
    city, previewing, django_assert_max_num_queries
):
    # the preview's own bound, plus the walk up the region tree (3), the plans above and the upper tasks
    with django_assert_max_num_queries(MAX_QUERIES + 5):
        response = previewing.get(reverse(PREVIEW))
    assert len(response.context["cascade"].rows) == 134


def test_the_suggestions_speak_english_alone_on_request(city, previewing):
    previewing.post(reverse("set_language"), {"language": "en"})
    html = previewing.get(reverse(PREVIEW)).content.decode()
    section = html.split('id="cascade-links">', 1)[1].split("</section>", 1)[0]
    assert "Carrying out the plan above" in section and "suggested as the upper plan" in section
    assert "上级方案" not in section and "相似度" not in section
