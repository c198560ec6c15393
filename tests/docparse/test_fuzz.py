"""Fuzzing the parser: whatever text or Word file comes in, it answers a Document or its own ParseError with
a message for people — never another exception (the import page would answer 500), and never its safety net
``parser_fault``, which only hides a crash from the user.

The inputs are built from the pieces plans are made of (numbers, labels such as 牵头单位：, unit names,
table separators) mixed with arbitrary characters, so they reach deep into the families; the .docx ones
come from fuzzed paragraphs and tables, with numbering, spans and merges that may make no sense.

The normal suite runs a modest number of examples. ``make fuzz`` runs ≥ 100,000:
``TAIZHANG_FUZZ_EXAMPLES`` sets the text and bytes properties' count, ``TAIZHANG_FUZZ_DOCX_EXAMPLES`` the
.docx one (each .docx is built and saved, so it costs ~50 times a text)."""

from __future__ import annotations

import io
import os

import pytest
from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from taizhang.docparse import Document, ParseError, parse, parse_text
from tests.docparse.docx_builder import plan_with_table, rewrite_document_xml

TEXT_EXAMPLES = int(os.environ.get("TAIZHANG_FUZZ_EXAMPLES", "100"))
DOCX_EXAMPLES = int(os.environ.get("TAIZHANG_FUZZ_DOCX_EXAMPLES", "8"))
FUZZ = settings(
    max_examples=TEXT_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

PIECES = [
    *("1.", "2、", "10．", "（一）", "(二)", "一、", "二、", "第一条", "①", "⑵", "1）", "（1）"),
    *("牵头单位：", "配合单位:", "责任单位：", "协办单位：", "责任领导：", "责任人：", "完成时限："),
    *("牵头", "配合", "负责", "区纪委", "市财政局", "各乡镇", "县直各单位"),
    *("、", "，", "；", "。", "：", ":", "（", "）", "(", ")", "《", "》", "“", "”", "——", "…"),
    *("制定", "修订", "完善", "2021年6月底前", "长期坚持", "关于", "的通知", "附件", "咸惩防办文〔2013〕3号"),
    *("序号", "工作任务", "牵头单位", "配合单位", "责任分工"),
    *("\n", "\n", "\n", "\r\n", "\t", "|", "｜", "---", "\u3000", " ", "\x00", "\ufeff"),
]
plan_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60).map("".join)


def _clean_or_document(read) -> None:
    try:
        assert isinstance(read(), Document)
    except ParseError as exc:
        assert exc.code != "parser_fault", repr(exc.__cause__)
        assert exc.zh and exc.en


@FUZZ
@given(plan_text)
def test_any_plan_like_text_gives_a_document(text):
    _clean_or_document(lambda: parse_text(text))


@FUZZ
@given(
    st.one_of(
        plan_text.map(lambda t: t.encode("utf-8")),
        plan_text.map(lambda t: t.encode("gb18030", "replace")),
        st.binary(max_size=300),
    )
)
def test_any_bytes_give_a_document_or_a_clean_error(data):
    _clean_or_document(lambda: parse(data))


def test_a_task_of_labels_alone_is_no_crash():
    """The input of the issue: a number and an empty label, once an IndexError (→ the import page's 500)."""
    assert parse_text("1.牵头单位：").tasks == []
    doc = parse_text("一、总体要求\n1.牵头单位：区纪委")
    assert [(t.number, t.lead) for t in doc.tasks] == [("1", ["区纪委"])]


# ---- .docx built from fuzzed paragraphs and tables ----

_W = nsdecls("w")
number_attr = st.one_of(st.integers(-3, 12).map(str), st.sampled_from(["", "x", "99999999999999999999"]))
# A heading style by name, or an outline level as written (also malformed), or none.
heading_style = st.one_of(
    st.none(),
    st.sampled_from(["Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title"]),
    number_attr.map(lambda value: ("outline", value)),
)
paragraph = st.tuples(plan_text, st.one_of(st.none(), st.tuples(number_attr, number_attr)), heading_style)
cell = st.tuples(plan_text, st.sampled_from([None, "span", "restart", "continue", "badspan"]))
table = st.lists(st.lists(cell, min_size=0, max_size=4), min_size=0, max_size=4)
body = st.lists(st.one_of(paragraph.map(lambda p: ("p", p)), table.map(lambda t: ("t", t))), max_size=8)
formats = st.sampled_from(["decimal", "chineseCounting", "bullet", "x"])
numbering = st.tuples(number_attr, number_attr, formats)


def _build_docx(blocks, levels) -> bytes:
    document = WordDocument()
    ilvl, start, fmt = levels
    part = document.part.numbering_part.element
    abstract = (
        f'<w:abstractNum {_W} w:abstractNumId="90"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
    )
    part.insert(0, parse_xml(abstract))
    part.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for kind, content in blocks:
        if kind == "p":
            text, num, style = content
            p = document.add_paragraph(_xml_safe(text), style=style if isinstance(style, str) else None)
            if isinstance(style, tuple):
                p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {_W} w:val="{style[1]}"/>'))
            if num is not None:
                numpr = f'<w:numPr {_W}><w:ilvl w:val="{num[0]}"/><w:numId w:val="{num[1] or 90}"/></w:numPr>'
                p._p.get_or_add_pPr().append(parse_xml(numpr))
        elif content and max(len(row) for row in content):
            _add_table(document, content)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, rows) -> None:
    grid = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for tr, row in zip(grid._tbl.tr_lst, rows, strict=True):
        for tc, (text, merge) in zip(tr.tc_lst, row, strict=False):
            tc.clear_content()
            tc.add_p().append(parse_xml(f"<w:r {_W}><w:t>{_escape(_xml_safe(text))}</w:t></w:r>"))
            tc_pr = tc.get_or_add_tcPr()
            if merge == "span":
                tc_pr.append(parse_xml(f'<w:gridSpan {_W} w:val="3"/>'))
            elif merge == "badspan":
                tc_pr.append(parse_xml(f'<w:gridSpan {_W} w:val="x"/>'))
            elif merge in ("restart", "continue"):
                tc_pr.append(parse_xml(f'<w:vMerge {_W} w:val="{merge}"/>'))


def _xml_safe(text: str) -> str:
    """What XML 1.0 can hold at all: a .docx cannot carry the rest, so python-docx refuses to write it."""
    return "".join(
        c
        for c in text
        if c in "\t\n\r" or "\x20" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@settings(FUZZ, max_examples=DOCX_EXAMPLES)
@given(body, numbering)
def test_any_word_file_gives_a_document_or_a_clean_error(blocks, levels):
    data = _build_docx(blocks, levels)
    _clean_or_document(lambda: parse(data))
    _clean_or_document(lambda: parse(data[: len(data) // 2]))  # the same file cut off in transit


# ---- the four kinds of damaged .docx the issue found, each once ----


def test_damaged_word_files_answer_a_clean_error_or_their_text():
    plan = plan_with_table()
    no_body = rewrite_document_xml(plan, lambda xml: xml.split("<w:body>")[0] + "</w:document>")
    with_pr = lambda extra: lambda xml: xml.replace("<w:tcPr>", f"<w:tcPr>{extra}", 1)  # noqa: E731
    bad_span = rewrite_document_xml(plan, with_pr('<w:gridSpan w:val="x"/>'))
    merge_from_nowhere = rewrite_document_xml(plan, with_pr("<w:vMerge/>"))
    bad_level = rewrite_document_xml(
        plan,
        lambda xml: xml.replace(
            "<w:p>", '<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr></w:pPr>', 1
        ),
    )
    with pytest.raises(ParseError) as refused:
        parse(no_body)
    assert refused.value.code == "corrupt_docx"
    for damaged in (bad_span, merge_from_nowhere, bad_level):
        assert [t.lead for t in parse(damaged).tasks] == [["区纪委"]]
