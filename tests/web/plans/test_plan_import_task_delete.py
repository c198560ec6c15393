"""Leaving a task out of the import, in the preview."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from tests.factories import make_user
from tests.web.plans.conftest import confirm_body, register_mapping
from tests.web.plans.helpers import HTMX, preview_rows, sha256

pytestmark = pytest.mark.django_db

DELETE = "plan_import_task_delete"


def test_a_removed_task_is_not_imported(previewing, register):
    first, second = preview_rows(previewing)[:2]
    response = previewing.post(reverse(DELETE, args=[first.id]), {"sha256": sha256(previewing)})
    assert response["Location"] == reverse("plan_import_preview")
    rows = preview_rows(previewing)
    assert len(rows) == 133 and rows[0].id == second.id
    preview = previewing.get(reverse("plan_import_preview"))
    previewing.post(reverse("plan_import_preview"), confirm_body(preview, register_mapping(register)))
    plan = Plan.objects.get()
    assert plan.tasks.count() == 133
    assert not plan.tasks.filter(text=first.task.text).exists()


def test_htmx_remove_answers_nothing_for_the_row_and_updates_the_panel(previewing):
    row = preview_rows(previewing)[0]
    response = previewing.post(reverse(DELETE, args=[row.id]), {"sha256": sha256(previewing)}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<tr" not in html.split('id="unit-matching"', 1)[0]
    assert '<span id="task-count" hx-swap-oob="true">133</span>' in html


def test_removing_the_only_task_that_prints_a_name_drops_the_name(previewing):
    rows = preview_rows(previewing)
    printing = [r for r in rows if "区检察院" in r.task.unit_names]
    for row in printing:
        previewing.post(reverse(DELETE, args=[row.id]), {"sha256": sha256(previewing)})
    names = previewing.get(reverse("plan_import_preview")).context["names"]
    assert "区检察院" not in {n["name"] for n in names}


def test_remove_needs_a_post_and_the_current_preview(previewing):
    row = preview_rows(previewing)[0]
    assert previewing.get(reverse(DELETE, args=[row.id])).status_code == 405
    previewing.post(reverse(DELETE, args=[row.id]), {"sha256": "0" * 64})
    assert len(preview_rows(previewing)) == 134


def test_a_removed_row_is_gone(previewing):
    row = preview_rows(previewing)[0]
    previewing.post(reverse(DELETE, args=[row.id]), {"sha256": sha256(previewing)})
    assert previewing.post(reverse(DELETE, args=[row.id]), {"sha256": sha256(previewing)}).status_code == 404


def test_non_office_roles_get_403(client, district):
    client.force_login(make_user(role=Role.INSPECTOR, region=district))
    assert client.post(reverse(DELETE, args=[1])).status_code == 403
