"""The parser against hand-written expectations, one small document per layout family.

Every ``tests/fixtures/layouts/<name>.txt`` has a ``<name>.json`` beside it: the metadata the parser must
find (only the keys present are checked), every task in document order, and optionally
``warnings_at_lines`` (1-based physical lines that must carry a warning). ``leaders`` and ``persons`` are
left out of a task when empty, so a missing key means "must be empty". The .docx cases are built in
memory by ``docx_builder``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from taizhang.docparse import parse

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
)
EMPTY_WHEN_ABSENT = {"leaders": [], "persons": []}
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
