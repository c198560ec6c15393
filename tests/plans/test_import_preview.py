import json

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from taizhang.lib.refusal import Refusal
from taizhang.plans.importing import ImportPreview, import_confirm, import_preview
from tests.factories import make_unit
from tests.plans.conftest import PLAN_FIELDS, SMALL_PLAN, no_units_for_vague_wildcards, seed_004_mapping

pytestmark = pytest.mark.django_db


def _preview(region, data, name="004.txt", actor=None):
    return import_preview(actor=actor, file_name=name, data=data, region=region)


def test_preview_writes_nothing(district, register, office, seed_004):
    with CaptureQueriesContext(connection) as ctx:
        _preview(district, seed_004, actor=office)
    assert all(q["sql"].lstrip().upper().startswith("SELECT") for q in ctx.captured_queries)


def test_preview_queries_do_not_grow_with_the_file(
    district, register, seed_004, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        preview = _preview(district, seed_004)
    assert len(preview.tasks) == 134


def test_preview_of_seed_004_shows_tasks_sections_names_and_wildcards(district, register, seed_004):
    preview = _preview(district, seed_004)
    assert preview.title == "区建立健全惩治和预防腐败体系2020—2024年责任分解意见"
    assert len(preview.tasks) == 134
    first = preview.tasks[0]
    assert (first.number, first.section_numbers, first.lead, first.cooperating) == (
        "1",
        ["二", "一"],
        ["区委组织部"],
        ["各单位"],
    )
    assert preview.sections[0] == {"numbers": ["二"], "path": ["坚持不懈抓好党的作风建设"], "tasks": 0}
    assert sum(s["tasks"] for s in preview.sections) == 134
    assert sorted(preview.unmatched) == sorted(["区发改委", "区法院", "区检察院"])
    court = next(m for m in preview.names if m.name == "区法院")
    assert court.suggestions[0] == {"id": register["区人民法院"].pk, "name": "区人民法院", "score": 100.0}
    assert {w.name for w in preview.wildcards} == {"各单位", "有关单位"}
    assert len(preview.wildcards[0].units) == len(register)
    assert len(preview.sha256) == 64
    assert preview.duplicate_of is None


def test_parser_warnings_are_shown_on_their_task(district, seed_004):
    preview = _preview(district, seed_004)
    task_46 = next(t for t in preview.tasks if t.number == "46")
    assert [w["code"] for w in task_46.warnings] == ["dangling_separator"]
    assert [w["code"] for w in preview.warnings] == ["dangling_separator"]


def test_a_parser_warning_reads_in_the_language_of_whoever_previews(district, seed_004):
    """The parser words its warnings in both languages; the preview shows the reader's one only."""
    from django.utils import translation

    chinese = _preview(district, seed_004).warnings[0]["message"]
    with translation.override("en"):
        english = _preview(district, seed_004).warnings[0]["message"]
    assert chinese.startswith("单位名单以“、”结尾") and "unit list" not in chinese
    assert english.startswith("the unit list ends with") and "单位" not in english


def test_preview_survives_a_round_trip_through_json(district, register, seed_004):
    preview = _preview(district, seed_004)
    text = json.dumps(preview.to_dict(), ensure_ascii=False)
    assert ImportPreview.from_dict(json.loads(text)) == preview


@pytest.mark.parametrize(
    "data",
    [
        "not a dict",
        {"file_name": "a.txt"},
        {"file_name": "a.txt", "sha256": "0" * 64, "region_id": 1, "tasks": [{"text": 5}]},
        {
            "file_name": "a.txt",
            "sha256": "0" * 64,
            "region_id": 1,
            "tasks": [{"text": "x", "lead": "区纪委"}],
        },
    ],
)
def test_a_tampered_preview_is_refused(data):
    with pytest.raises(Refusal) as caught:
        ImportPreview.from_dict(data)
    assert caught.value.code == "bad_preview"


def test_an_unreadable_file_is_a_plan_error_in_both_languages(district):
    with pytest.raises(Refusal) as caught:
        _preview(district, b"", name="empty.txt")
    assert caught.value.code == "empty"
    assert caught.value.zh == "文件是空的"
    assert caught.value.en == "the file is empty"


def test_a_file_without_tasks_previews_with_a_warning(district):
    preview = _preview(district, "关于召开会议的通知\n\n请各单位准时参加。\n".encode(), name="notice.txt")
    assert preview.tasks == []
    assert preview.warnings[0]["code"] == "no_tasks"


def test_a_file_imported_before_in_the_region_is_recognised(district, register, office, seed_004):
    plan = import_confirm(
        actor=office,
        preview=no_units_for_vague_wildcards(_preview(district, seed_004)),
        unit_mapping=seed_004_mapping(register),
        region=district,
        data=seed_004,
        file_name="004.txt",
        **PLAN_FIELDS,
    )
    again = _preview(district, seed_004, name="renamed.txt")
    assert again.duplicate_of == {"id": plan.pk, "title": plan.title, "status": "draft"}


def test_the_same_file_in_another_region_is_not_a_duplicate(district, register, office, seed_004):
    import_confirm(
        actor=office,
        preview=no_units_for_vague_wildcards(_preview(district, seed_004)),
        unit_mapping=seed_004_mapping(register),
        region=district,
        data=seed_004,
        file_name="004.txt",
        **PLAN_FIELDS,
    )
    other = make_unit().region
    assert _preview(other, seed_004).duplicate_of is None


def test_wildcards_expand_to_active_units_of_the_region_and_below(district):
    city = district.parent
    in_city, in_district = make_unit(region=city), make_unit(region=district)
    retired = make_unit(region=city)
    retired.active = False
    retired.save()
    preview = _preview(city, SMALL_PLAN.encode(), name="small.txt")
    assert [w.name for w in preview.wildcards] == ["各单位"]
    assert {u["id"] for u in preview.wildcards[0].units} == {in_city.pk, in_district.pk}


def test_a_deadline_read_from_the_task_text_is_marked_in_the_preview(district):
    data = (
        "XX区2023年党风廉政建设任务分工\n一、重点任务\n"
        "1.2023年6月底前出台清廉机关建设方案。（区直机关工委负责）\n"
        "2.开展警示教育。（区纪委负责，2023年9月底前）\n"
    ).encode()
    preview = _preview(district, data, name="plan.txt")
    assert [(t.deadline, t.deadline_from_text) for t in preview.tasks] == [
        ("2023年6月底前", True),
        ("2023年9月底前", False),
    ]
    again = ImportPreview.from_dict(json.loads(json.dumps(preview.to_dict())))
    assert [t.deadline_from_text for t in again.tasks] == [True, False]
    rows = [
        render_to_string("plans/import/_task_row.html", {"row": i, "task": t})
        for i, t in enumerate(again.tasks)
    ]
    assert "2023年6月底前（据正文读出）" in rows[0]
    assert "据正文读出" not in rows[1]


def test_a_tampered_preview_cannot_mark_a_missing_deadline_as_read_from_the_text():
    data = {"file_name": "a.txt", "sha256": "0" * 64, "region_id": 1}
    task = {"number": "1", "text": "开展警示教育。", "deadline": None, "deadline_from_text": True}
    assert ImportPreview.from_dict({**data, "tasks": [task]}).tasks[0].deadline_from_text is False
    task = {**task, "deadline": "2023年底前", "deadline_from_text": "yes"}
    assert ImportPreview.from_dict({**data, "tasks": [task]}).tasks[0].deadline_from_text is False
