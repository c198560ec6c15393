"""Issue 14 items 1, 2 and 6 in small documents: unnumbered headings, items that name no unit, numbers
followed by digits, and deadlines read from the task text. The fixtures of whole plans are in
tests/fixtures/layouts (headings_unnumbered, numbered_without_units, table_two_level_sections)."""

import pytest

from taizhang.docparse import parse_text
from taizhang.docparse.deadlines import deadline_in_text


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2025年6月底前出台实施办法。", "2025年6月底前"),
        ("每年年底前向区委报告。", "每年年底前"),
        ("于2023年12月31日前完成整改。", "2023年12月31日前"),
        ("今年6月底前出台方案。", "今年6月底前"),
        ("每季度末前报送进展。", "每季度末前"),
        ("在9月底之前完成自查。", "9月底之前"),
        ("每年开展一次专项检查。", None),  # a frequency, not a deadline
        ("至2024年，基本建成惩防体系。", None),  # a goal
        ("清理2020年以前的遗留问题。", None),  # a year alone before 以前
        ("前移监督关口。", None),
    ],
)
def test_deadline_phrases_in_a_task_text(text, deadline):
    assert deadline_in_text(text) == deadline


def test_a_labelled_or_bracketed_deadline_wins_over_one_in_the_text():
    doc = parse_text(
        "1.2023年6月底前出台办法。\n牵头单位：区纪委\n完成时限：长期坚持\n"
        "2.2023年6月底前出台细则。（区委办负责，2023年9月底前）\n"
        "3.2023年6月底前出台规则。（区委办负责）\n"
    )
    assert [(t.deadline, t.deadline_from_text) for t in doc.tasks] == [
        ("长期坚持", False),
        ("2023年9月底前", False),
        ("2023年6月底前", True),
    ]


def test_a_number_followed_by_digits_is_the_next_item_only_where_the_list_expects_it():
    doc = parse_text(
        "一、人才工作\n"
        "10.完善干部考核办法。（区委组织部负责）\n"
        "11.121人才梯队项目纳入廉政风险防控。（区人社局负责）\n"
        "12.规范项目资金管理，单笔\n"
        "5.5万元以上支出须集体研究。（区财政局负责）\n"
    )
    assert [t.number for t in doc.tasks] == ["10", "11", "12"]
    assert doc.tasks[1].text == "121人才梯队项目纳入廉政风险防控。"
    assert doc.tasks[2].text == "规范项目资金管理，单笔5.5万元以上支出须集体研究。"


def test_an_item_numbered_like_the_tasks_keeps_its_unnumbered_sub_points_in_its_text():
    doc = parse_text(
        "一、重点任务\n1.开展警示教育。（区纪委负责）\n2.年度目标：\n（1）案件数量保持高位；\n（2）群众满意度提高。\n"
    )
    assert [(t.number, t.text) for t in doc.tasks] == [
        ("1", "开展警示教育。"),
        ("2", "年度目标：（1）案件数量保持高位；（2）群众满意度提高。"),
    ]
    assert [w.code for w in doc.warnings] == ["no_unit"]


def test_items_of_a_plan_with_no_units_at_all_are_not_tasks():
    doc = parse_text("关于做好自查工作的通知\n各单位：\n一、自查范围\n1.全区各单位。\n2.各乡镇。\n")
    assert doc.tasks == []
    assert doc.kind == "notice"


def test_a_shorter_run_of_headings_replaces_only_the_innermost():
    doc = parse_text(
        "前言说明本清单的用途。\n"
        "甲类任务\n一组\n1.任务一。（区纪委负责）\n"
        "二组\n2.任务二。（区纪委负责）\n"
        "乙类任务\n三组\n3.任务三。（区纪委负责）\n"
    )
    assert [t.section_path for t in doc.tasks] == [
        ["甲类任务", "一组"],
        ["甲类任务", "二组"],
        ["乙类任务", "三组"],
    ]


def test_a_bracketed_note_under_the_title_is_no_heading():
    doc = parse_text(
        "XX县2023年党风廉政建设任务分工\n（2023年3月1日县委常委会会议审议通过）\n加强教育\n1.开展警示教育。（县纪委负责）\n"
    )
    assert [t.section_path for t in doc.tasks] == [["加强教育"]]
