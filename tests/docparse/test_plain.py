"""The flat reader of the common text plan (``docparse.plain.build_plain``) gives exactly what the general
builder gives, on every plan it takes, and it takes the common layouts (so the speed of ``make bench`` is
the speed real plans of those layouts get)."""

import random
from pathlib import Path

import pytest

from benchmarks.plans import plan_text
from taizhang.docparse import _text_blocks
from taizhang.docparse.metadata import read_metadata
from taizhang.docparse.model import Document
from taizhang.docparse.plain import build_plain, convention_stated
from taizhang.docparse.structure import build

LAYOUTS = Path(__file__).parents[1] / "fixtures" / "layouts"
SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"
FIXTURES = sorted(LAYOUTS.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
# Lines that turn one layout into another: blank lines, a line cut in two, a footer, a sub-heading, a
# label under the task, a wrapped unit list; a tail, a full stop, a comma or a number before digits
# added to a line.
EDITS = ["", "健全作风建设制度", "中共区纪委", "2021年3月5日", "牵头单位：区纪委", "配合单位：区财政局、"]


def _both(text: str):
    """(general outline, flat outline or None) for ``text``, as ``parse_text`` reads it."""
    blocks = _text_blocks(text)
    lines = [b for b in blocks if type(b).__name__ == "Line"]
    if len(lines) != len(blocks) or convention_stated(lines):
        return None, None
    body = read_metadata(Document(), lines)
    flat = build_plain(list(blocks), body)
    return build(list(blocks), body), flat


def _variants(text: str, rng: random.Random, count: int):
    lines = text.splitlines()
    for _ in range(count):
        edited = list(lines)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(edited) + 1)
            op = rng.random()
            if op < 0.4:
                edited.insert(i, rng.choice(EDITS))
            elif op < 0.6 and i < len(edited):
                j = rng.randint(0, len(edited[i]))
                edited[i : i + 1] = [edited[i][:j], edited[i][j:]]
            elif op < 0.8 and i < len(edited):
                edited[i] = edited[i] + rng.choice(["（区纪委负责）", "。", "，", "1.2023年"])
            elif i < len(edited):
                del edited[i]
        yield "\n".join(edited)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixtures_read_the_same(path):
    general, flat = _both(path.read_text(encoding="utf-8"))
    if flat is not None:
        assert flat == general


def test_edited_plans_read_the_same():
    rng = random.Random(14)
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES]
    plan_rng = random.Random(9)
    texts += [plan_text(plan_rng, 24) for _ in range(12)]
    taken = compared = 0
    for text in texts:
        for variant in _variants(text, rng, 12):
            general, flat = _both(variant)
            compared += general is not None
            if flat is not None:
                taken += 1
                assert flat == general, variant
    # The edits leave many plans in the layout and take many out of it: both sides are exercised.
    assert 0 < taken < compared


@pytest.mark.parametrize(
    "name",
    ["inline_tail_dialects", "numbering_chinese_tasks", "numbered_without_units", "numbering_circled_digits"],
)
def test_common_layouts_take_the_flat_reader(name):
    assert _both((LAYOUTS / f"{name}.txt").read_text(encoding="utf-8"))[1] is not None


def test_generated_plans_of_every_line_family_take_the_flat_reader():
    rng = random.Random(3)
    families = set()
    for _ in range(40):
        text = plan_text(rng, 30)
        if "\t" in text:
            continue  # a table: the general builder's
        general, flat = _both(text)
        assert flat is not None and flat == general
        families.add("labels" if "\n牵头单位：" in text else "inline" if "（牵头单位：" in text else "verbs")
    assert families == {"labels", "inline", "verbs"}


def test_layouts_it_does_not_take_go_to_the_general_builder():
    # Sub-headings between task groups (seed 004's 健全作风建设制度), a line after a task's labels that
    # fits nothing, a number before digits, a stated convention.
    sub_headings = "一、总则\n1.加强教育。（区纪委负责）\n健全作风建设制度\n2.完善制度。（区委办负责）\n"
    prose = "1.加强教育。\n牵头单位：区纪委\n各单位要高度重视。\n2.完善制度。（区委办负责）\n"
    digits = "1.加强教育。（区纪委负责）\n2.2023年底前完成。（区委办负责）\n"
    assert _both(sub_headings)[1] is None
    assert _both(prose)[1] is None
    assert _both(digits)[1] is None
    stated = "排在第一位的部门为牵头部门。\n1.加强教育。（区纪委、区委办负责）\n"
    assert _both(stated) == (None, None)


def test_a_plan_naming_its_first_responsible_people_takes_the_flat_reader():
    # 第一责任人 is not the convention (排在第一位的部门为牵头部门); a heading's paragraph is its text.
    text = "一、工作目标\n落实党委主体责任，书记是第一责任人。\n1.加强教育。（区纪委负责）\n"
    general, flat = _both(text)
    assert flat is not None and flat == general
    assert flat.tasks[0].section_path == ["工作目标"]


def test_a_wrapped_task_with_its_tail_reads_the_same():
    general, flat = _both("一、总则\n1.加强教育，\n深化警示。（区纪委负责）\n2.完善制度。（区委办负责）\n")
    assert flat is not None and flat == general
    assert flat.tasks[0].text == "加强教育，深化警示。" and flat.tasks[0].responsible == ["区纪委"]
