"""Property-based tests: the parser never crashes, and plans written in each layout family read back."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from taizhang.docparse import Document, ParseError, parse, parse_text

PROSE = [
    "加强",
    "完善",
    "廉政",
    "教育",
    "制度",
    "监督",
    "检查",
    "落实",
    "责任",
    "机制",
    "推进",
    "建设",
    "党风",
    "作风",
    "规范",
    "权力",
    "运行",
    "考核",
    "问责",
    "公开",
    "管理",
    "基层",
    "干部",
    "群众",
    "工作",
]
PLACES = ["市", "区", "县"]
BODIES = [
    "纪委",
    "委组织部",
    "委宣传部",
    "财政",
    "审计",
    "民政",
    "教育",
    "人社",
    "发改",
    "司法",
    "信访",
    "统计",
]
SUFFIXES = ["局", "委", "办", "中心"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_text_gives_a_document(text):
    assert isinstance(parse_text(text), Document)


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_clean_error(data):
    try:
        assert isinstance(parse(data), Document)
    except ParseError as exc:
        assert exc.zh and exc.en


sentence = st.lists(st.sampled_from(PROSE), min_size=3, max_size=12).map(lambda w: "".join(w) + "。")
unit = st.builds(
    lambda p, b, s: p + b + s, st.sampled_from(PLACES), st.sampled_from(BODIES), st.sampled_from(SUFFIXES)
)
units = st.lists(unit, min_size=1, max_size=4, unique=True)
task = st.fixed_dictionaries(
    {"text": sentence, "lead": units, "cooperating": st.one_of(st.just([]), units)}
).filter(lambda t: not set(t["lead"]) & set(t["cooperating"]))
heading = st.lists(st.sampled_from(PROSE), min_size=2, max_size=5).map("".join)
plan = st.lists(st.tuples(heading, st.lists(task, min_size=1, max_size=5)), min_size=1, max_size=4)

CN = "一二三四五六七八九十"
TASK_NUMBERS = {"dot": "{}.", "comma": "{}、", "paren": "（{}）", "circled": None}


def _number(style, n):
    if style == "circled":
        return chr(0x2460 + n - 1)
    return TASK_NUMBERS[style].format(n)


def _render(sections, family, style, running):
    lines = ["关于落实党风廉政建设责任制的任务分工方案", "为推进工作，制定本方案。"]
    n = 0
    if family == "tab_one_header":
        lines.append("序号\t工作任务\t牵头单位\t配合单位")  # section rows pasted without their tabs
    for s, (title, tasks) in enumerate(sections):
        lines.append(f"{CN[s]}、{title}")
        if family == "table":
            lines.append("序号\t工作任务\t牵头单位\t配合单位")
        n = n if running else 0
        for t in tasks:
            n += 1
            lead, coop = "、".join(t["lead"]), "、".join(t["cooperating"])
            if family == "labels":
                lines += [f"{_number(style, n)}{t['text']}", f"牵头单位：{lead}"]
                if coop:
                    lines.append(f"配合单位:{coop}")
            elif family == "inline_labels":
                inner = f"牵头单位：{lead}" + (f"；配合单位：{coop}" if coop else "")
                lines.append(f"{_number(style, n)}{t['text']}（{inner}）")
            elif family == "inline_verbs":
                inner = f"{lead}牵头" + (f"，{coop}配合" if coop else "")
                lines.append(f"{_number(style, n)}{t['text']}（{inner}）")
            elif family == "inline_together":
                inner = f"{lead}会同{coop}负责" if coop else f"{lead}牵头负责，下同"
                lines.append(f"{_number(style, n)}{t['text']}（{inner}）")
            else:
                lines.append(f"{n}\t{t['text']}\t{lead}\t{coop}")
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(
    plan,
    st.sampled_from(
        ["labels", "inline_labels", "inline_verbs", "inline_together", "table", "tab_one_header"]
    ),
    st.sampled_from(list(TASK_NUMBERS)),
    st.booleans(),
)
@example(  # two sections alike, each task numbered 1: a row after a section row is never the one above
    [("加强加强", [{"text": "加强加强加强。", "lead": ["市纪委局"], "cooperating": []}])] * 2,
    "tab_one_header",
    "dot",
    False,
)
def test_generated_plans_parse_back_to_their_tasks(sections, family, style, running):
    if style == "circled":
        sections = [(h, ts) for h, ts in sections][:2]
        running = False
    doc = parse_text(_render(sections, family, style, running))
    expected = [(h, t) for h, ts in sections for t in ts]
    assert len(doc.tasks) == len(expected)
    for got, (title, want) in zip(doc.tasks, expected, strict=True):
        assert got.text == want["text"]
        assert got.lead == want["lead"]
        assert got.cooperating == want["cooperating"]
        assert got.section_path == [title]
    assert [w for w in doc.warnings if w.code != "number_gap"] == []


# --- issue 14: unnumbered headings, items without units, deadlines in the text, two-level table sections ---

DEADLINES = ["2025年6月底前", "每年年底前", "2024年12月31日前", "今年9月底前"]
loose_task = st.fixed_dictionaries(
    {
        "text": sentence,
        "lead": st.one_of(st.just([]), units),  # no unit: still a task, with a warning
        "deadline": st.one_of(st.none(), st.sampled_from(DEADLINES)),
    }
)
outline = st.lists(
    st.tuples(
        heading,
        st.lists(st.tuples(heading, st.lists(loose_task, min_size=1, max_size=3)), min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=3,
).filter(lambda groups: any(t["lead"] for _, inner in groups for _, ts in inner for t in ts))


def _render_unnumbered(groups) -> tuple[str, list[tuple[list[str], dict]]]:
    """Two levels of unnumbered headings: the outer one printed right above its first inner one (two
    lines in a row nest), later inner ones alone (they replace only the inner level)."""
    lines = ["关于落实党风廉政建设责任制的任务分工方案", "为推进工作，制定本方案。"]
    expected, n = [], 0
    for outer, inner in groups:
        lines.append(outer)
        for title, tasks in inner:
            lines.append(title)
            for t in tasks:
                n += 1
                tail = f"（{'、'.join(t['lead'])}牵头）" if t["lead"] else ""
                lines.append(f"{n}.{t['deadline'] or ''}{t['text']}{tail}")
                expected.append(([outer, title], t))
    return "\n".join(lines) + "\n", expected


@settings(max_examples=50, deadline=None)
@given(outline)
def test_unnumbered_heading_runs_items_without_units_and_text_deadlines_read_back(groups):
    text, expected = _render_unnumbered(groups)
    doc = parse_text(text)
    assert [t.number for t in doc.tasks] == [str(n) for n in range(1, len(expected) + 1)]  # numbering whole
    for got, (path, want) in zip(doc.tasks, expected, strict=True):
        assert got.section_path == path
        assert got.text == (want["deadline"] or "") + want["text"]
        assert got.lead == want["lead"]
        assert (got.deadline, got.deadline_from_text) == (want["deadline"], want["deadline"] is not None)
    unitless = {t.line for t in doc.tasks if not t.lead}
    assert {w.line for w in doc.warnings if w.code == "no_unit"} == unitless
    assert [w for w in doc.warnings if w.code != "no_unit"] == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            heading,
            st.lists(st.tuples(heading, st.lists(task, min_size=1, max_size=3)), min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=3,
    ),
    st.booleans(),
)
def test_text_tables_with_two_levels_of_section_rows_give_both_levels(groups, tabbed):
    lines = ["任务分工表", "序号\t工作任务\t牵头单位\t配合单位"]
    expected, n = [], 0
    pad = "\t\t\t" if tabbed else ""  # section rows pasted with or without their empty cells
    for s, (outer, inner) in enumerate(groups):
        lines.append(f"（{CN[s]}）{outer}{pad}")
        for k, (title, tasks) in enumerate(inner, start=1):
            lines.append(f"{k}．{title}{pad}")
            for t in tasks:
                n += 1
                lines.append(f"{n}\t{t['text']}\t{'、'.join(t['lead'])}\t{'、'.join(t['cooperating'])}")
                expected.append(([outer, title], [CN[s], str(k)], t))
    doc = parse_text("\n".join(lines) + "\n")
    assert len(doc.tasks) == len(expected)
    for got, (path, numbers, want) in zip(doc.tasks, expected, strict=True):
        assert (got.section_path, got.section_numbers) == (path, numbers)
        assert (got.text, got.lead, got.cooperating) == (want["text"], want["lead"], want["cooperating"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(sentence, units), min_size=1, max_size=6), st.booleans())
def test_once_a_plan_says_the_first_unit_leads_every_tail_after_it_says_so(items, stated):
    lines = [
        "重点任务分工方案",
        "排在第一位的部门为牵头部门。" if stated else "现将任务分工如下。",
        "一、重点任务",
    ]
    lines += [f"{n}.{text}（{'、'.join(names)}负责）" for n, (text, names) in enumerate(items, start=1)]
    doc = parse_text("\n".join(lines))
    assert len(doc.tasks) == len(items)
    for got, (_, names) in zip(doc.tasks, items, strict=True):
        if stated and len(names) > 1:
            assert (got.lead, got.cooperating, got.responsible) == (names[:1], names[1:], [])
        else:
            assert (got.lead, got.cooperating, got.responsible) == ([], [], names)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan)
def test_an_excel_sheet_with_merged_section_and_category_cells_reads_back(sections):
    from io import BytesIO

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["任务分工表"])
    ws.append(["序号", "任务类别", "工作任务", "牵头单位", "配合单位"])
    n = 0
    for title, tasks in sections:
        first = ws.max_row + 1
        for t in tasks:
            n += 1
            ws.append(
                [
                    n,
                    title if ws.max_row + 1 == first else None,
                    t["text"],
                    "\n".join(t["lead"]),
                    "、".join(t["cooperating"]),
                ]
            )
        if len(tasks) > 1:
            ws.merge_cells(start_row=first, start_column=2, end_row=ws.max_row, end_column=2)
    buffer = BytesIO()
    wb.save(buffer)
    doc = parse(buffer.getvalue(), filename="plan.xlsx")
    expected = [(h, t) for h, ts in sections for t in ts]
    assert [(d.section_path, d.text, d.lead, d.cooperating) for d in doc.tasks] == [
        ([h], t["text"], t["lead"], t["cooperating"]) for h, t in expected
    ]
