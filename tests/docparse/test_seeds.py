"""The three seed documents parse exactly as their gold annotations say."""

import json
from pathlib import Path

import pytest

from taizhang.docparse import parse

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
NAMES = ["000_00d90683dea27ec7", "003_b1f8061cf93a9ab3", "004_93fe00d8dcbc73d5"]


def _gold(name):
    return json.loads((SEEDS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=NAMES)
def pair(request):
    return _gold(request.param), parse(SEEDS / f"{request.param}.txt").to_dict()


def test_metadata_matches_gold(pair):
    gold, doc = pair
    for key, value in gold.items():
        if key not in ("tasks", "source"):
            assert doc[key] == value, key


def test_task_count_matches_gold(pair):
    gold, doc = pair
    assert len(doc["tasks"]) == gold["task_count"]


def test_every_task_field_matches_gold(pair):
    gold, doc = pair
    for expected, got in zip(gold["tasks"], doc["tasks"], strict=True):
        assert {k: got[k] for k in expected} == expected, expected["number"]


def test_seed_004_warns_about_the_unit_list_ending_in_a_comma():
    doc = parse(SEEDS / "004_93fe00d8dcbc73d5.txt")
    task_46 = next(t for t in doc.tasks if t.number == "46")
    assert [(w.code, w.line) for w in doc.warnings] == [("dangling_separator", task_46.line + 2)]


def test_seed_000_has_no_warnings():
    assert parse(SEEDS / "000_00d90683dea27ec7.txt").warnings == []


def test_task_lines_point_at_the_task_text():
    text = (SEEDS / "004_93fe00d8dcbc73d5.txt").read_text(encoding="utf-8").splitlines()
    for task in parse(SEEDS / "004_93fe00d8dcbc73d5.txt").tasks:
        assert text[task.line - 1].startswith(f"{task.number}.")


def test_regulations_carry_the_action_the_task_takes():
    tasks = {t.number: t for t in parse(SEEDS / "004_93fe00d8dcbc73d5.txt").tasks}
    assert [(r.title, r.action) for r in tasks["59"].regulations] == [
        ("贯彻党政机关厉行节约反对浪费条例实施细则", "制定")
    ]
    assert [(r.title, r.action) for r in tasks["82"].regulations] == [("工程建设项目廉政风险告知书", "完善")]
    assert [r.action for r in tasks["69"].regulations] == ["贯彻", "贯彻"]
    assert [(r.title, r.action) for r in tasks["58"].regulations][1] == (
        "中央党内法规制定工作五年规划纲要（2020—2024年）",
        "贯彻",
    )
