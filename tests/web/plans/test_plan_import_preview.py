"""方案导入, step 2: the preview and its confirm. All or nothing: a refusal shows the preview again with the
service's message in Chinese and English, and saves nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from taizhang.units.models import Unit, UnitAlias
from tests.web.plans.conftest import choose_wildcard, confirm_body, register_mapping, upload

pytestmark = pytest.mark.django_db

PREVIEW = "plan_import_preview"
# Session, user, roles, the header's unit; the region and its parent, the units a name may map to (one query
# per level of the region tree, then the units). A bound that does not depend on the 134 tasks.
MAX_QUERIES = 12


def _preview(client):
    return client.get(reverse(PREVIEW))


def _rows(response):
    return [item for item in response.context["items"] if not item.is_heading]


def test_preview_shows_134_tasks_grouped_by_section(previewing):
    response = _preview(previewing)
    assert response.status_code == 200
    assert len(_rows(response)) == 134
    headings = [item for item in response.context["items"] if item.is_heading]
    assert (headings[0].number, headings[0].title) == ("二", "坚持不懈抓好党的作风建设")
    html = response.content.decode()
    assert html.count('<tr id="task-') == 134
    assert "坚持不懈抓好党的作风建设" in html
    assert '<span id="task-count">134</span>' in html
    assert "区建立健全惩治和预防腐败体系2020—2024年责任分解意见" in html


def test_preview_lists_unmatched_names_first_with_suggestions_best_first(previewing, register):
    response = _preview(previewing)
    names = response.context["names"]
    unmatched = [n["name"] for n in names if n["exact"] is None]
    assert sorted(unmatched) == sorted(["区发改委", "区法院", "区检察院"])
    assert [n["name"] for n in names[:3]] == unmatched
    court = next(n for n in names if n["name"] == "区法院")
    assert court["suggestions"][0]["id"] == register["区人民法院"].pk
    scores = [s["score"] for s in court["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    html = response.content.decode()
    select = html.split('<input type="hidden" name="map_name" value="区法院"', 1)[1].split("</select>", 1)[0]
    assert select.index("区人民法院") < select.index("新建单位") < select.index("全部单位")
    assert f'<option value="{register["区统计局"].pk}"' in select  # every unit, under 全部单位


def test_preview_shows_wildcards_with_the_units_they_expand_to(previewing, register):
    html = _preview(previewing).content.decode()
    assert f"本区划及下级全部 {len(register)} 个单位" in html
    assert "<strong>各单位</strong>" in html


def test_preview_shows_a_parser_warning_on_its_task(previewing):
    response = _preview(previewing)
    task_46 = next(r for r in _rows(response) if r.task.number == "46")
    assert [w["code"] for w in task_46.task.warnings] == ["dangling_separator"]
    row = response.content.decode().split(f'<tr id="task-{task_46.id}">', 1)[1].split("</tr>", 1)[0]
    assert "task-warning" in row
    assert response.context["loose_warnings"] == []


def test_confirm_with_a_mapping_creates_the_draft_plan(previewing, register, upload_dir):
    body = confirm_body(_preview(previewing), register_mapping(register))
    response = previewing.post(reverse(PREVIEW), body)
    plan = Plan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plan_detail", args=[plan.pk])
    assert (plan.status, plan.level, plan.period_start, plan.period_end, plan.report_cadence) == (
        "draft",
        "district",
        2020,
        2024,
        "quarter",
    )
    assert plan.tasks.count() == 134
    assert Assignment.objects.filter(task__plan=plan, unit=register["区人民法院"]).exists()
    assert set(UnitAlias.objects.values_list("alias", flat=True)) == {"区发改委", "区法院", "区检察院"}
    assert "plan_import" not in previewing.session
    assert not (upload_dir / plan.source_sha256).exists()
    page = previewing.get(response["Location"]).content.decode()
    assert "已导入方案" in page and "134 项任务" in page


def test_confirm_takes_the_edited_title_doc_number_and_cadence(previewing, register):
    body = confirm_body(
        _preview(previewing),
        register_mapping(register),
        title="修改后的标题",
        doc_number="测区纪发〔2020〕1号",
        report_cadence="month",
    )
    previewing.post(reverse(PREVIEW), body)
    plan = Plan.objects.get()
    assert (plan.title, plan.doc_number) == ("修改后的标题", "测区纪发〔2020〕1号")
    assert plan.report_cadence == "month"


def test_confirm_can_create_a_unit_for_a_name(previewing, register, district):
    mapping = {**register_mapping(register), "区发改委": "new"}
    previewing.post(reverse(PREVIEW), confirm_body(_preview(previewing), mapping))
    assert Plan.objects.count() == 1
    assert Unit.objects.filter(region=district, name="区发改委").exists()


def test_confirm_without_choices_is_refused_in_chinese_only_and_saves_nothing(previewing, register):
    units_before = Unit.objects.count()
    response = previewing.post(reverse(PREVIEW), confirm_body(_preview(previewing)))
    assert response.status_code == 400
    html = response.content.decode()
    assert "以下单位名称未对应到单位名录" in html
    assert "These unit names match no registered unit" not in html
    flagged = {n["name"] for n in response.context["names"] if n["flagged"]}
    assert flagged == {"区发改委", "区法院", "区检察院"}
    assert (Plan.objects.count(), Unit.objects.count()) == (0, units_before)
    assert "plan_import" in previewing.session  # the preview is still there to correct


def test_choices_survive_a_refused_confirm(previewing, register):
    mapping = {"区法院": register["区人民法院"].pk}
    response = previewing.post(reverse(PREVIEW), confirm_body(_preview(previewing), mapping))
    assert response.status_code == 400
    court = next(n for n in response.context["names"] if n["name"] == "区法院")
    assert court["chosen"] == str(register["区人民法院"].pk)
    assert f'<option value="{register["区人民法院"].pk}" selected>' in response.content.decode()


def test_a_blank_title_is_refused_by_the_form(previewing, register):
    body = confirm_body(_preview(previewing), register_mapping(register), title="   ")
    response = previewing.post(reverse(PREVIEW), body)
    assert response.status_code == 400
    assert "方案标题" in response.content.decode()
    assert Plan.objects.count() == 0


def test_a_service_refusal_on_the_fields_is_shown_and_saves_nothing(previewing, register):
    body = confirm_body(_preview(previewing), register_mapping(register), level="city")
    response = previewing.post(reverse(PREVIEW), body)
    assert response.status_code == 400
    html = response.content.decode()
    assert "方案层级应与区划“测试区”的级别" in html and "The plan&#x27;s level must be" not in html
    assert Plan.objects.count() == 0


def test_duplicate_file_is_shown_with_a_link_and_needs_the_checkbox(previewing, district, register, seed_004):
    previewing.post(reverse(PREVIEW), confirm_body(_preview(previewing), register_mapping(register)))
    first = Plan.objects.get()
    upload(previewing, district, seed_004)
    choose_wildcard(previewing, "有关单位", action="none")
    response = _preview(previewing)
    html = response.content.decode()
    assert f"该文件已于 {timezone.localtime(first.created_at):%Y-%m-%d} 导入为《" in html  # the office's day
    assert f'<a href="{reverse("plan_detail", args=[first.pk])}">{first.title}</a>' in html
    assert 'name="allow_duplicate"' in html

    refused = previewing.post(reverse(PREVIEW), confirm_body(response))
    assert refused.status_code == 400
    assert "该文件已导入为方案" in refused.content.decode()
    assert Plan.objects.count() == 1

    allowed = previewing.post(reverse(PREVIEW), confirm_body(response, allow_duplicate="on"))
    assert allowed.status_code == 302
    assert Plan.objects.count() == 2


def test_confirm_of_a_preview_replaced_in_another_tab_is_not_taken(previewing, district):
    body = confirm_body(_preview(previewing), sha256="0" * 64)
    response = previewing.post(reverse(PREVIEW), body)
    assert response.status_code == 302 and response["Location"] == reverse(PREVIEW)
    assert Plan.objects.count() == 0


def test_confirm_after_the_file_expired_asks_for_it_again(previewing, upload_dir):
    body = confirm_body(_preview(previewing))
    for kept in upload_dir.iterdir():
        kept.unlink()
    response = previewing.post(reverse(PREVIEW), body)
    assert response["Location"] == reverse("plan_import")
    assert Plan.objects.count() == 0


def test_preview_without_an_import_goes_back_to_the_upload(client, office):
    client.force_login(office)
    response = client.get(reverse(PREVIEW))
    assert response["Location"] == reverse("plan_import")


def test_a_tampered_session_is_no_import(previewing):
    session = previewing.session
    session["plan_import"]["preview"]["tasks"] = "not a list"
    session.save()
    assert _preview(previewing)["Location"] == reverse("plan_import")


def test_discard_forgets_the_import_and_its_file(previewing, upload_dir):
    assert len(list(upload_dir.iterdir())) == 1
    previewing.post(reverse("plan_import_discard"))
    assert "plan_import" not in previewing.session
    assert list(upload_dir.iterdir()) == []


def test_preview_query_count_is_bounded(previewing, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = _preview(previewing)
    assert len(_rows(response)) == 134


def test_preview_speaks_english_on_request(previewing, register):
    previewing.post(reverse("set_language"), {"language": "en"})
    html = _preview(previewing).content.decode()
    assert "<h1>Import preview</h1>" in html
    assert f"all {len(register)} units of the region and below" in html
    assert "Confirm import" in html
