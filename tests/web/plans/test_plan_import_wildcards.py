"""泛称 in the import preview, as the office uses it: the page that changes a wildcard's units for the whole
plan or one task, and the confirm that refuses a vague word left without a choice."""

import pytest
from django.urls import reverse

from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from taizhang.units.models import Unit
from tests.web.plans.conftest import choose_wildcard, confirm_body, register_mapping, upload

pytestmark = pytest.mark.django_db

PAGE = "plan_import_wildcard"


def _draft_wildcard(client, word):
    return next(w for w in client.session["plan_import"]["preview"]["wildcards"] if w["name"] == word)


def _row_of(client, number):
    preview = client.session["plan_import"]
    index = next(i for i, t in enumerate(preview["preview"]["tasks"]) if t["number"] == number)
    return preview["rows"][index]


def test_a_vague_word_left_unchosen_is_refused_at_confirm_and_shown_as_waiting(
    client, district, register, office, seed_004
):
    client.force_login(office)
    upload(client, district, seed_004)
    preview = client.get(reverse("plan_import_preview"))
    assert "待选择单位" in preview.content.decode()
    refused = client.post(reverse("plan_import_preview"), confirm_body(preview, register_mapping(register)))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "以下泛称没有指明单位" in html and "有关单位" in html
    assert not Plan.objects.exists()


def test_the_page_groups_units_by_kind_and_selects_a_kind_without_saving(previewing, register):
    register["区工会"].kind = Unit.Kind.MASS
    register["区工会"].save()
    page = previewing.get(reverse(PAGE), {"word": "有关单位"})
    html = page.content.decode()
    assert page.status_code == 200 and "政府部门" in html and "群团组织" in html
    assert "checked" not in html  # the office chose none
    shown = choose_wildcard(previewing, "有关单位", action="add:mass")
    assert shown.status_code == 200
    assert f'value="{register["区工会"].pk}" checked' in shown.content.decode()
    assert _draft_wildcard(previewing, "有关单位")["units"] == []  # nothing saved yet


def test_units_chosen_for_the_plan_and_for_one_task_are_the_lines_confirmed(previewing, register):
    audit, education = register["区审计局"], register["区教育局"]
    saved = choose_wildcard(previewing, "有关单位", units=[audit])
    assert saved["Location"].endswith("#wildcards")
    row = _row_of(previewing, "104")
    choose_wildcard(previewing, "有关单位", units=[education], row=row)
    preview = previewing.get(reverse("plan_import_preview"))
    html = preview.content.decode()
    assert "已由您选择" in html and "单独指定 1 个单位" in html
    confirmed = previewing.post(
        reverse("plan_import_preview"), confirm_body(preview, register_mapping(register))
    )
    assert confirmed.status_code == 302
    lines = Assignment.objects.filter(from_wildcard="有关单位")
    by_task = {(a.task.number, a.unit.name) for a in lines.select_related("task", "unit")}
    assert ("104", "区教育局") in by_task and ("104", "区审计局") not in by_task
    assert ("103", "区审计局") in by_task


def test_reset_takes_a_task_back_to_the_plans_choice(previewing, register):
    row = _row_of(previewing, "104")
    choose_wildcard(previewing, "有关单位", units=[register["区审计局"]], row=row)
    choose_wildcard(previewing, "有关单位", action="reset", row=row)
    tasks = previewing.session["plan_import"]["preview"]["tasks"]
    assert all("有关单位" not in t.get("wildcard_units", {}) for t in tasks)


def test_reset_takes_the_plan_back_to_what_the_word_gives_by_itself(previewing, register):
    choose_wildcard(previewing, "有关单位", action="reset")
    assert _draft_wildcard(previewing, "有关单位")["chosen"] is False
    assert "待选择单位" in previewing.get(reverse("plan_import_preview")).content.decode()


@pytest.mark.parametrize(
    "query", [{"word": "无此泛称"}, {"word": "有关单位", "row": "99999"}, {"word": "有关单位", "row": "x"}]
)
def test_an_unknown_word_or_row_is_not_found(previewing, query):
    assert previewing.get(reverse(PAGE), query).status_code == 404


def test_a_unit_outside_the_region_is_refused_and_nothing_changes(previewing):
    from tests.factories import make_unit

    elsewhere = make_unit(name="外区审计局")
    refused = choose_wildcard(previewing, "有关单位", units=[elsewhere])
    assert refused.status_code == 400
    assert "不属于本区划" in refused.content.decode()
    assert _draft_wildcard(previewing, "有关单位")["units"] == []


def test_leaving_the_preview_for_the_wildcard_page_keeps_what_its_form_held(previewing, register):
    preview = previewing.get(reverse("plan_import_preview"))
    body = confirm_body(preview, register_mapping(register), title="改过的标题")
    body["open"] = f"{_row_of(previewing, '103')}|有关单位"
    opened = previewing.post(reverse(PAGE), body)
    assert opened.status_code == 302 and "row=" in opened["Location"]
    assert previewing.get(opened["Location"]).status_code == 200
    back = previewing.get(reverse("plan_import_preview"))
    assert back.context["form"]["title"].value() == "改过的标题"
    court = next(n for n in back.context["names"] if n["name"] == "区法院")
    assert court["chosen"] == str(register["区人民法院"].pk)
