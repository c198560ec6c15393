"""The one-call line classifiers agree with the per-pattern checks they replaced (issue 14 item 9): every
generated line is read the same way."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.docparse.families import _ALTERNATION, LABEL
from taizhang.docparse.families.inline import _matching_open
from taizhang.docparse.numbering import match_number, match_number_before_digits, read_number
from taizhang.docparse.text import clean_line, clean_lines

# Pieces a line's start is made of: numbers of every style, their decorations, digits, spaces, text.
PIECES = [
    *"一二三四五六七八九十百零〇两",
    *"0123456789",
    *"、．.（）()⑴⒇①⑳%％",
    "第",
    "章",
    "条",
    "部分",
    "节",
    " ",
    "\u3000",
    "\t",
    "加强",
    "2023年",
    "人才梯队",
    "。",
]
line_start = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@settings(max_examples=1500)
@given(line_start)
def test_read_number_is_match_number_else_the_before_digits_candidate(line):
    expected = match_number(line)
    got = read_number(line)
    if expected is not None:
        assert got == expected and not got.candidate
        return
    candidate = match_number_before_digits(line)
    if candidate is None:
        assert got is None
    else:
        assert got is not None and got.candidate
        assert (got.style, got.number, got.rest) == tuple(candidate)[:3]


ODD = ["\u3000", "\xa0", "\u2002", "\u2003", "\u200b", "\u200c", "\u200d", "\ufeff", "\r", "\n", "\r\n"]
TEXT = [*ODD, " ", "\t", "a", "加", "|", "\u2028", "\x0c"]


def _numbered(lines):
    return [(no, line) for no, line in enumerate(lines, start=1) if line]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(TEXT), max_size=30).map("".join))
def test_cleaning_the_whole_text_at_once_gives_each_line_as_cleaning_it_alone(text):
    # The parser keeps a line's number and its text when the text is not empty (a last line of zero-width
    # characters alone is no line at all then — it was an empty one before).
    once = _numbered(line.strip() for line in clean_lines(text))
    assert once == _numbered(clean_line(raw) for raw in text.splitlines())


# Label words, their pieces and what stands around them: the label pattern with its first-character
# lookahead finds exactly what the plain pattern finds.
LABEL_PIECES = [
    "牵头单位",
    "牵 头 单 位",
    "责任人",
    "具体责任人",
    "完成时限",
    "时限",
    "配合",
    "单位",
    "【",
    "】",
    "[",
    "（",
    "：",
    ":",
    " ",
    "\t",
    "；",
    "，",
    "、",
    "。",
    "区纪委",
]


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=10).map("".join))
def test_label_lookahead_finds_what_the_plain_label_pattern_finds(text):
    plain = re.compile(rf"(?:^|(?<=[\s。；;，,、]))[【\[]?(?:{_ALTERNATION})[】\]]?\s*[：:]\s*")
    assert [(m.span(), m.lastgroup) for m in LABEL.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)
    ]


def _matching_open_char_by_char(body):
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        if body[i] in "）)":
            depth += 1
        elif body[i] in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


@settings(max_examples=800)
@given(st.lists(st.sampled_from(["（", "）", "(", ")", "区纪委", "负责", "。"]), max_size=10).map("".join))
def test_the_opening_bracket_found_by_regex_is_the_one_found_char_by_char(body):
    assert _matching_open(body) == _matching_open_char_by_char(body)
