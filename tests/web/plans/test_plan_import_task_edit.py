"""Correcting a task in the import preview: its number, text and units, by hand, before the confirm."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from tests.factories import make_user
from tests.web.plans.conftest import confirm_body, register_mapping
from tests.web.plans.helpers import HTMX, preview_rows, sha256

pytestmark = pytest.mark.django_db

EDIT = "plan_import_task_edit"


def _edit(client, row, **fields):
    body = {"number": row.task.number, "text": row.task.text, "sha256": sha256(client)}
    for name in ("lead", "cooperating", "responsible"):
        body[name] = "、".join(getattr(row.task, name))
    return {**body, **fields}


def test_edit_form_shows_the_task_as_printed(previewing):
    row = preview_rows(previewing)[0]
    response = previewing.get(reverse(EDIT, args=[row.id]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["text"].value() == row.task.text
    assert form["lead"].value() == "区委组织部"
    assert form["cooperating"].value() == "各单位"


def test_edited_text_and_number_are_honoured_by_the_confirm(previewing, register):
    row = preview_rows(previewing)[0]
    body = _edit(previewing, row, text="改过的任务内容", number="9")
    response = previewing.post(reverse(EDIT, args=[row.id]), body)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('plan_import_preview')}#task-{row.id}"
    preview = previewing.get(reverse("plan_import_preview"))
    assert "改过的任务内容" in preview.content.decode()
    previewing.post(reverse("plan_import_preview"), confirm_body(preview, register_mapping(register)))
    plan = Plan.objects.get()
    first = plan.tasks.order_by("order").first()
    assert (first.text, first.number, first.key) == ("改过的任务内容", "9", "二/一/9")
    assert plan.tasks.count() == 134


def test_edited_units_replace_the_printed_ones(previewing, register):
    row = preview_rows(previewing)[0]  # 牵头单位：区委组织部  配合单位：各单位
    body = _edit(previewing, row, lead="区纪委", cooperating="区财政局、区审计局", responsible="")
    previewing.post(reverse(EDIT, args=[row.id]), body)
    preview = previewing.get(reverse("plan_import_preview"))
    previewing.post(reverse("plan_import_preview"), confirm_body(preview, register_mapping(register)))
    task = Plan.objects.get().tasks.order_by("order").first()
    lines = set(task.assignments.values_list("unit__name", "role"))
    assert lines == {("区纪委", "lead"), ("区财政局", "cooperating"), ("区审计局", "cooperating")}


def test_a_typed_name_joins_the_unit_matching_table(previewing, register):
    row = preview_rows(previewing)[0]
    previewing.post(reverse(EDIT, args=[row.id]), _edit(previewing, row, lead="区委组织部、区新成立的局"))
    names = previewing.get(reverse("plan_import_preview")).context["names"]
    typed = next(n for n in names if n["name"] == "区新成立的局")
    assert typed["exact"] is None and typed["uses"] == 1


def test_htmx_edit_answers_the_row_and_the_matching_panel_with_choices_kept(previewing, register):
    row = preview_rows(previewing)[0]
    court = register["区人民法院"].pk
    body = _edit(previewing, row, lead="区委组织部、区新成立的局")
    body.update(map_name=["区法院"], map_unit=[court])
    response = previewing.post(reverse(EDIT, args=[row.id]), body, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="task-{row.id}">')
    assert 'id="unit-matching" hx-swap-oob="true"' in html
    assert "区新成立的局" in html.split('id="unit-matching"', 1)[1]
    assert f'<option value="{court}" selected>' in html
    assert '<span id="task-count" hx-swap-oob="true">134</span>' in html


def test_htmx_get_answers_the_edit_row_and_the_row_view_cancels_it(previewing):
    row = preview_rows(previewing)[0]
    form = previewing.get(reverse(EDIT, args=[row.id]), headers=HTMX).content.decode()
    assert form.lstrip().startswith(f'<tr id="task-{row.id}">') and "<textarea" in form
    shown = previewing.get(reverse("plan_import_task", args=[row.id]), headers=HTMX).content.decode()
    assert shown.lstrip().startswith(f'<tr id="task-{row.id}">') and "<textarea" not in shown


def test_blank_text_is_refused_and_the_task_kept(previewing):
    row = preview_rows(previewing)[0]
    response = previewing.post(reverse(EDIT, args=[row.id]), _edit(previewing, row, text="  "))
    assert response.status_code == 400
    assert preview_rows(previewing)[0].task.text == row.task.text


def test_edit_of_a_replaced_preview_changes_nothing(previewing):
    row = preview_rows(previewing)[0]
    body = _edit(previewing, row, text="不该保存", sha256="f" * 64)
    response = previewing.post(reverse(EDIT, args=[row.id]), body, headers=HTMX)
    assert response["HX-Redirect"] == reverse("plan_import_preview")
    assert preview_rows(previewing)[0].task.text == row.task.text


def test_unknown_row_is_404(previewing):
    assert previewing.get(reverse(EDIT, args=[9999])).status_code == 404


def test_without_an_import_the_edit_goes_to_the_upload(client, office):
    client.force_login(office)
    assert client.get(reverse(EDIT, args=[1]))["Location"] == reverse("plan_import")
    assert client.get(reverse(EDIT, args=[1]), headers=HTMX)["HX-Redirect"] == reverse("plan_import")


def test_non_office_roles_get_403(client, district):
    client.force_login(make_user(role=Role.LEADER, region=district))
    assert client.get(reverse(EDIT, args=[1])).status_code == 403
    assert client.post(reverse(EDIT, args=[1]), {"text": "x"}).status_code == 403
    assert not Assignment.objects.exists()
