"""The parser against hand-written expectations, one small document per layout family.

Every ``tests/fixtures/layouts/<name>.txt`` has a ``<name>.json`` beside it: the metadata the parser must
find (only the keys present are checked), every task in document order, and optionally
``warnings_at_lines`` (1-based physical lines that must carry a warning). ``leaders`` and ``persons`` are
left out of a task when empty, so a missing key means "must be empty"; ``deadline_from_text`` (the deadline
was read from the task's text) is left out when false. The .docx cases are built in
memory by ``docx_builder``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from taizhang.docparse import parse, parse_text

from . import docx_builder

LAYOUTS = Path(__file__).resolve().parent.parent / "fixtures" / "layouts"
FIXTURES = sorted(path.stem for path in LAYOUTS.glob("*.json"))
WITH_WARNINGS = [
    name
    for name in FIXTURES
    if json.loads((LAYOUTS / f"{name}.json").read_text(encoding="utf-8")).get("warnings_at_lines")
]

METADATA_FIELDS = ("title", "doc_number", "issuer", "date", "addressees", "attachment_title", "kind")
TASK_FIELDS = (
    "number",
    "section_path",
    "text",
    "lead",
    "cooperating",
    "responsible",
    "leaders",
    "persons",
    "deadline",
    "deadline_from_text",
)
EMPTY_WHEN_ABSENT = {"leaders": [], "persons": [], "deadline_from_text": False}
MAX_REPORTED = 40


@cache
def expected(name: str) -> dict:
    return json.loads((LAYOUTS / f"{name}.json").read_text(encoding="utf-8"))


@cache
def parsed(name: str) -> dict:
    return parse(str(LAYOUTS / f"{name}.txt")).to_dict()


def metadata_differences(want: dict, got: dict) -> list[str]:
    return [
        f"{field}: expected {want[field]!r}, got {got.get(field)!r}"
        for field in METADATA_FIELDS
        if field in want and got.get(field) != want[field]
    ]


def task_differences(want: list[dict], got: list[dict]) -> list[str]:
    """One readable line per mismatching field, so a failure shows every wrong task at once."""
    lines = []
    if len(want) != len(got):
        lines.append(f"task count: expected {len(want)}, got {len(got)}")
        lines.append(f"  expected numbers {[t['number'] for t in want]}")
        lines.append(f"  got numbers      {[t.get('number') for t in got]}")
    for index, (w, g) in enumerate(zip(want, got, strict=False), start=1):
        for field in TASK_FIELDS:
            wanted = w.get(field, EMPTY_WHEN_ABSENT.get(field))
            if g.get(field) != wanted:
                lines.append(
                    f"task {index} (number {w['number']}) {field}: expected {wanted!r}, got {g.get(field)!r}"
                )
    return lines


def report(lines: list[str]) -> str:
    shown = lines[:MAX_REPORTED]
    if len(lines) > MAX_REPORTED:
        shown.append(f"… and {len(lines) - MAX_REPORTED} more")
    return "\n".join(shown)


# --- plain-text fixtures --------------------------------------------------------------------------------


def test_every_text_fixture_has_an_expectation_and_every_expectation_a_fixture():
    texts = sorted(path.stem for path in LAYOUTS.glob("*.txt"))
    assert texts == FIXTURES
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("name", FIXTURES)
def test_expectation_spells_out_every_task_field(name):
    required = set(TASK_FIELDS) - set(EMPTY_WHEN_ABSENT)
    for index, task in enumerate(expected(name)["tasks"], start=1):
        assert required <= task.keys() <= set(TASK_FIELDS), f"task {index}: {sorted(task)}"
        assert all(task.get(field, ["-"]) for field in EMPTY_WHEN_ABSENT), f"task {index}: empty list given"


@pytest.mark.parametrize("name", FIXTURES)
def test_document_metadata_matches_the_expectation(name):
    differences = metadata_differences(expected(name), parsed(name))
    assert not differences, report(differences)


@pytest.mark.parametrize("name", FIXTURES)
def test_parser_finds_exactly_the_expected_tasks_in_document_order(name):
    want = [(task["number"], task["text"]) for task in expected(name)["tasks"]]
    got = [(task["number"], task["text"]) for task in parsed(name)["tasks"]]
    assert got == want
    assert parsed(name)["task_count"] == len(want)


@pytest.mark.parametrize("name", FIXTURES)
def test_every_task_has_the_expected_sections_units_people_and_deadline(name):
    differences = task_differences(expected(name)["tasks"], parsed(name)["tasks"])
    assert not differences, report(differences)


@pytest.mark.parametrize("name", WITH_WARNINGS)
def test_parser_warns_at_the_lines_the_expectation_names(name):
    warned = {warning["line"] for warning in parsed(name)["warnings"]}
    missing = [line for line in expected(name)["warnings_at_lines"] if line not in warned]
    assert not missing, f"no warning at lines {missing}; warnings: {parsed(name)['warnings']}"


def test_a_text_plan_parses_the_same_from_bytes_as_from_its_path():
    path = LAYOUTS / "labels_lines_region.txt"
    from_bytes = parse(path.read_bytes(), filename=path.name).to_dict()
    assert from_bytes["tasks"] == parsed("labels_lines_region")["tasks"]


# --- .docx built in memory ------------------------------------------------------------------------------


def test_docx_automatic_numbering_gives_task_numbers_and_sections_absent_from_the_text():
    doc = parse(docx_builder.plan_with_automatic_numbering(), filename="任务分工.docx").to_dict()
    want = docx_builder.EXPECTED_AUTO_NUMBERING
    differences = metadata_differences(want, doc) + task_differences(want["tasks"], doc["tasks"])
    assert not differences, report(differences)


def test_docx_table_inherits_merged_category_cells_and_joins_paragraphs_within_a_cell():
    doc = parse(docx_builder.plan_as_table(), filename="任务分工表.docx").to_dict()
    want = docx_builder.EXPECTED_TABLE
    differences = metadata_differences(want, doc) + task_differences(want["tasks"], doc["tasks"])
    assert not differences, report(differences)


def test_empty_docx_parses_to_a_document_without_tasks():
    doc = parse(docx_builder.empty_document(), filename="空白.docx").to_dict()
    assert doc["tasks"] == []
    assert doc["task_count"] == 0
    assert doc["title"] is None


def test_docx_heading_styles_and_outline_levels_give_the_sections_whatever_the_text():
    doc = parse(docx_builder.plan_with_heading_styles(), filename="heading-styles.docx")
    assert doc.title == docx_builder.HEADING_STYLES_TITLE  # the Title style is the title, not a section
    got = [
        (t.number, t.section_path, t.section_numbers, t.text, t.units, t.deadline, t.deadline_from_text)
        for t in doc.tasks
    ]
    assert got == docx_builder.EXPECTED_HEADING_STYLES
    # "落实情况报告（县委办公室负责）" is styled Heading 3: a section, not a task, whatever its text says.
    assert [(w.code, w.line) for w in doc.warnings] == [("no_unit", doc.tasks[1].line)]


def test_a_title_styled_as_a_heading_is_the_title_not_a_section():
    document = docx_builder.Document()
    document.add_paragraph("XX县2023年党风廉政建设任务分工", style="Heading 1")
    document.add_paragraph("加强教育", style="Heading 2")
    document.add_paragraph("1.开展警示教育。（县纪委监委负责）")
    doc = parse(docx_builder._to_bytes(document), filename="t.docx")
    assert doc.title == "XX县2023年党风廉政建设任务分工"
    assert [(t.section_path, t.responsible) for t in doc.tasks] == [(["加强教育"], ["县纪委监委"])]


def test_two_level_section_rows_of_a_text_table_give_both_printed_numbers():
    doc = parse(str(LAYOUTS / "table_two_level_sections.txt"))
    assert [t.section_numbers for t in doc.tasks] == [
        ["一", "1"],
        ["一", "1"],
        ["一", "2"],
        ["二", "1"],
        ["二", "1"],
    ]


def test_a_plain_title_does_not_run_on_into_the_first_styled_heading():
    document = docx_builder.Document()
    document.add_paragraph("XX县2023年党风廉政建设重点任务")  # no kind word: the title reader reads on
    document.add_paragraph("党委主体责任", style="Heading 1")
    document.add_paragraph("1.开展警示教育。（县纪委监委负责）")
    doc = parse(docx_builder._to_bytes(document), filename="t.docx")
    assert doc.title == "XX县2023年党风廉政建设重点任务"
    assert [t.section_path for t in doc.tasks] == [["党委主体责任"]]


def test_whole_sentences_in_a_heading_style_are_read_as_text():
    document = docx_builder.Document()
    document.add_paragraph("XX县2023年党风廉政建设任务分工")
    document.add_paragraph("加强教育", style="Heading 1")
    # A plan typed all in one heading style: its task lines still are tasks.
    task = (
        "1.组织全县党员干部开展党章党规党纪学习教育，推动学习教育常态化、制度化，"
        "切实增强纪律意识。（县委组织部负责）"
    )
    document.add_paragraph(task, style="Heading 1")
    doc = parse(docx_builder._to_bytes(document), filename="t.docx")
    assert [(t.section_path, t.responsible) for t in doc.tasks] == [(["加强教育"], ["县委组织部"])]


def test_a_title_printed_over_two_lines_is_one_title_from_a_paragraph_with_a_break_or_two_lines():
    document = docx_builder.Document()
    title = document.add_paragraph("XX市党风廉政建设工作规划")
    title.add_run().add_break()
    title.add_run("（2023—2027年）")
    document.add_paragraph("一、加强教育")
    document.add_paragraph("1.开展警示教育。（市纪委监委负责）")
    from_word = parse(docx_builder._to_bytes(document), filename="t.docx")
    from_text = parse_text(
        "XX市党风廉政建设工作规划\n（2023—2027年）\n一、加强教育\n1.开展警示教育。（市纪委监委负责）\n"
    )
    for doc in (from_word, from_text):
        assert doc.title == "XX市党风廉政建设工作规划（2023—2027年）"
        assert [(t.section_path, t.responsible) for t in doc.tasks] == [(["加强教育"], ["市纪委监委"])]
