"""The flat reader of text-table plans (``docparse.plain_tables.build_tables``) gives exactly what the
general builder gives, on every plan it takes, and it takes the generated table plans (so the speed of
``make bench`` is the speed real plans of that layout get)."""

import random
from pathlib import Path

from benchmarks.plans import plan_text
from taizhang.docparse import _text_blocks, parse_text
from taizhang.docparse.metadata import read_metadata
from taizhang.docparse.model import Document
from taizhang.docparse.plain import convention_stated
from taizhang.docparse.plain_tables import build_tables
from taizhang.docparse.structure import build

FIXTURES = Path(__file__).parents[1] / "fixtures"
# Lines and cells that turn the layout into another: blank lines, a footer, a sub-heading, a label, a
# line under a heading, a heading naming its unit, a section row, a wrapped row (no 序号), a header again,
# a number before digits, a category column, a cell with a space, a bar table.
EDITS = [
    "",
    "中共区纪委",
    "2021年3月5日",
    "健全作风建设制度",
    "牵头单位：区纪委",
    "（三）加强监督（区纪委负责）",
    "三、强化问责",
    "\t补充内容\t区审计局\t\t",
    "序号\t工作任务\t牵头单位\t配合单位\t完成时限",
    "序号\t任务分类\t工作任务\t牵头单位\t完成时限",
    "2.2023年底前完成",
    "99\t新增任务。\t区纪委\t\t2023年底前",
    "| 1 | 加强教育。 | 区纪委 | | |",
]


def _both(text: str):
    """(general outline, flat outline or None) for ``text``, as ``parse_text`` reads it."""
    blocks = _text_blocks(text)
    lines = [b for b in blocks if type(b).__name__ == "Line"]
    if len(lines) == len(blocks) or convention_stated(lines):
        return None, None
    body = read_metadata(Document(), lines)
    flat = build_tables(list(blocks), body)
    return build(list(blocks), body), flat


def _variants(text: str, rng: random.Random, count: int):
    lines = text.splitlines()
    for _ in range(count):
        edited = list(lines)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(edited) + 1)
            op = rng.random()
            if op < 0.45:
                edited.insert(i, rng.choice(EDITS))
            elif op < 0.6 and i < len(edited):
                j = rng.randint(0, len(edited[i]))
                added = rng.choice([" ", "\u3000", "\t", "（区纪委负责）", "《条例》"])
                edited[i] = edited[i][:j] + added + edited[i][j:]
            elif op < 0.75 and i < len(edited):
                edited[i] = edited[i] + rng.choice(["\t", "。", "\t区纪委", "（2022年6月底前完成）"])
            elif op < 0.9 and i < len(edited):
                del edited[i]
            elif i + 1 < len(edited):
                edited[i], edited[i + 1] = edited[i + 1], edited[i]
        yield "\n".join(edited)


def _table_plans(seed: int, count: int, tasks: int) -> list[str]:
    rng = random.Random(seed)
    plans = []
    while len(plans) < count:
        text = plan_text(rng, tasks)
        if "\t" in text:
            plans.append(text)
    return plans


def test_generated_table_plans_take_the_flat_reader():
    for text in _table_plans(3, 8, 40):
        general, flat = _both(text)
        assert flat is not None and flat == general
        assert len(flat.tasks) > 10 and all(task.lead for task in flat.tasks)


def test_edited_table_plans_read_the_same():
    rng = random.Random(14)
    texts = _table_plans(9, 14, 24)
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt")) if "\t" in p.read_text()]
    taken = compared = 0
    for text in texts:
        for variant in _variants(text, rng, 25):
            general, flat = _both(variant)
            compared += general is not None
            if flat is not None:
                taken += 1
                assert flat == general, variant
    # The edits leave many plans in the layout and take many out of it: both sides are exercised.
    assert 0 < taken < compared


PLAN = "一、强化监督\n（一）加强教育\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"


def test_a_table_plan_reads_its_rows_as_tasks():
    text = PLAN + "1\t加强教育。\t区纪委\t区财政局、区审计局\t长期坚持\n"
    text += "3\t完善制度。\t区委办\t\t\n中共区纪委\n"
    general, flat = _both(text)
    assert flat is not None and flat == general
    first, second = flat.tasks
    assert first.section_path == ["强化监督", "加强教育"] and first.section_numbers == ["一", "一"]
    assert first.lead == ["区纪委"] and first.cooperating == ["区财政局", "区审计局"]
    assert first.deadline == "长期坚持" and second.deadline is None and second.number == "3"
    assert [w.code for w in flat.warnings] == ["number_gap"]  # 1 then 3
    assert parse_text(text).tasks == flat.tasks


def test_layouts_it_does_not_take_go_to_the_general_builder():
    wrapped = PLAN + "1\t加强教育，\t区纪委\t\t\n\t深化警示。\t\t\t\n"
    spaced = PLAN + "1\t加强 教育。\t区纪委\t\t\n"
    under_heading = "一、强化监督\n各单位要高度重视。\n" + PLAN[6:] + "1\t加强教育。\t区纪委\t\t\n"
    heading_with_unit = "一、强化监督（区纪委负责）\n" + PLAN[6:] + "1\t加强教育。\t区纪委\t\t\n"
    section_row = PLAN + "1\t加强教育。\t区纪委\t\t\n健全制度\n2\t完善制度。\t区委办\t\t\n"
    for text in (wrapped, spaced, under_heading, heading_with_unit, section_row):
        general, flat = _both(text)
        assert general is not None and general.tasks and flat is None, text


def test_what_the_general_builder_reads_its_own_way_is_left_to_it():
    # A line after a table is added to the heading the table closed: a heading cut mid-phrase (强化监督和)
    # then reads it into the path of the tables under its children.
    header = PLAN.splitlines()[-1] + "\n"
    cut = "一、强化监督和\n" + header + "1\t加强教育。\t区纪委\t\t\n加强管理\n（一）加强教育\n" + header
    cut += "2\t完善制度。\t区委办\t\t\n"
    general, flat = _both(cut)
    assert flat is None and general.tasks[1].section_path == ["强化监督和加强管理", "加强教育"]
    # A row given twice under one number is one task (Word repeats merged cells): its units joined.
    twice = PLAN + "1\t加强教育。\t区纪委\t\t\n1\t加强教育。\t区财政局\t\t\n"
    general, flat = _both(twice)
    assert flat is None and [task.lead for task in general.tasks] == [["区纪委", "区财政局"]]
