"""The one-match tail reader (``families.tail_match.read_tail``) gives what ``inline.read_text`` gives for
every line it takes, and takes the two common tails; it leaves the ones that reader weighs with care."""

from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.docparse.families import inline
from taizhang.docparse.families.labels import collect, collect_flat
from taizhang.docparse.families.tail_match import read_tail

UNITS = [
    "区纪委",
    "区财政局",
    "区委组织部",
    "总工会",
    "各镇街",
    "有关部门",
    "XX局",
    "区审计局（筹）",
    "每年",
    "",
]
VERBS = ["牵头", "负责", "配合", "协助", "牵头负责", "分别负责", "按职责分工负责", "会同区财政局负责", ""]
LABELS = ["牵头单位", "配合单位", "责任单位", "完成时限", "责任领导", "适用范围", "牵 头单位"]
BREAKS = ["，", "；", ",", "、", "：", "。", " ", "（", "）"]


def _agrees(text: str) -> bool:
    fast = read_tail(text)
    if fast is None:
        return False
    slow = inline.read_text(text)
    assert slow is not None, text
    assert fast == (slow[0], slow[1].flat()), text
    return True


def test_the_common_tails_are_taken_and_read_as_the_general_reader_reads_them():
    assert _agrees("加强廉政文化建设。（牵头单位：区纪委；配合单位：区委宣传部、区文化局）")
    assert _agrees("完善信访举报制度（区信访局牵头，区纪委、区审计局配合）。")
    assert _agrees("规范公务接待（区机关事务局负责，2021年6月底前完成）")
    assert _agrees("开展检查（牵头单位：区纪委；完成时限：长期坚持）")
    assert _agrees("开展检查（牵头单位：区纪委、区财政局；配合单位：区审计局；完成时限：2023年底前，）")
    assert _agrees("开展检查（牵头单位：区纪委；牵头单位：区纪委、区财政局；完成时限：。）")
    fast = read_tail("完善信访举报制度（区信访局牵头，区纪委、区审计局配合）。")
    assert fast == ("完善信访举报制度。", (["区信访局"], ["区纪委", "区审计局"], [], [], [], None))


def test_what_the_general_reader_weighs_is_left_to_it():
    for text in (
        "开展廉政教育（区委宣传部会同有关部门负责）",  # 会同: the others cooperate
        "落实整改责任（区发展改革委、区财政局，各乡镇按职责分工负责）",  # a verbless group
        "健全考核机制（负责部门：区委组织部；适用范围：各级机关）",  # a note kept in the text
        "推进政务公开（区政务服务中心负责，下同）",  # a drafting note
        "加强教育（党组）",  # ordinary text in brackets
        "加强（重点）教育（区纪委负责）",  # brackets in the text
    ):
        assert read_tail(text) is None or _agrees(text)
    assert read_tail("加强教育（党组）") is None


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="加强教育。，（）《》 ", max_size=12),
    st.lists(
        st.tuples(st.sampled_from(UNITS + LABELS), st.sampled_from(VERBS + BREAKS), st.sampled_from(BREAKS)),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["（", "("]),
    st.sampled_from(["）", ")"]),
    st.sampled_from(["", "。", " 。", "；", "，"]),
)
def test_any_tail_it_takes_reads_as_the_general_reader_reads_it(text, parts, opening, closing, end):
    content = "".join(a + b + c for a, b, c in parts).rstrip("，；,、")
    line = f"{text}{opening}{content}{closing}{end}"
    fast = read_tail(line)
    if fast is not None:
        slow = inline.read_text(line)
        assert slow is not None and fast == (slow[0], slow[1].flat())


def test_label_lines_collect_the_same_flat_or_as_fields():
    from taizhang.docparse.families import Line

    values = [
        ("lead", Line(2, "牵头单位：区纪委"), ["区纪委"]),
        ("cooperating", Line(3, "配合单位：区财政局、"), ["区财政局、"]),
        ("cooperating", Line(4, "协办单位：区财政局、区审计局"), ["区财政局、区审计局"]),
        ("deadline", Line(5, "完成时限：长期坚持"), ["长期坚持"]),
        ("deadline", Line(6, "时限：2023年底前"), ["2023年底前"]),
        ("persons", Line(7, "责任人："), [""]),
    ]
    fields, warnings = collect(values)
    flat, flat_warnings = collect_flat(values)
    assert flat == fields.flat() == (["区纪委"], ["区财政局", "区审计局"], [], [], [], "长期坚持")
    assert (
        [w.code for w in warnings] == [w.code for w in flat_warnings] == ["dangling_separator", "empty_label"]
    )
