"""The GB/T 9704-2012 parts of a circular, read back from the .docx: the 版记, the 附件, the issuer from the
region's settings, the grid, the signature over the date, the title's line breaks, no account names in the
text. tests/circulars/test_circular_pdf.py checks the printed pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from docx.shared import Pt

from taizhang.audit.models import AuditEvent
from taizhang.circulars.drafting import person_in_text, suggest_doc_number
from taizhang.circulars.rendering import circular_render_docx
from taizhang.circulars.services import circular_draft, circular_draft_from_inspection, circular_update
from taizhang.circulars.titlelines import title_lines, width
from tests.circulars.docx_reading import open_docx

pytestmark = pytest.mark.django_db


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _style(doc, text: str) -> str:
    return next(p for p in doc.paragraphs if p.text == text).style.name


@pytest.fixture
def circular(scene):
    circular = circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)
    return circular_update(
        actor=scene.office,
        circular=circular,
        expected_version=circular.version,
        title=circular.title,
        doc_number=circular.doc_number,
        body=circular.body,
        units=list(circular.units.all()),
        copy_to="区委办公室，区政府办公室\n区人大办公室。",
    )


@pytest.fixture
def doc(circular):
    return open_docx(circular_render_docx(circular))


def test_the_copy_list_is_printed_in_the_record_with_commas_and_a_full_stop(doc, circular):
    assert circular.copy_to == "区委办公室、区政府办公室、区人大办公室"
    assert "\u3000抄送：区委办公室、区政府办公室、区人大办公室。" in _texts(doc)
    # 印发机关 (the issuer when the region names none) left, 印发日期 right after a tab, 印发 after it
    assert "\u3000示范区惩防办\t2024年3月5日印发\u3000" in _texts(doc)


def test_the_record_sits_in_frames_at_the_foot_with_thick_outer_and_thin_inner_rules(doc):
    copy_to, printed = (p for p in doc.paragraphs if p.style.name == "版记" and p.text)
    frames = [p._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}") for p in (copy_to, printed)]
    assert frames[1].get(qn("w:yAlign")) == "bottom" and frames[1].get(qn("w:vAnchor")) == "margin"
    assert int(frames[0].get(qn("w:y"))) > 10000  # just above the 印发 line, near the foot of 225 mm

    def rule(paragraph, side):
        border = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn(f'w:{side}')}")
        return None if border is None else int(border.get(qn("w:sz")))

    assert (rule(copy_to, "top"), rule(printed, "top"), rule(printed, "bottom")) == (8, 6, 8)


def test_without_a_copy_list_the_line_goes_and_the_first_rule_stays_thick(scene):
    circular = circular_draft(
        actor=scene.office, kind="assessment", title="关于某事的通报", body="正文。", units=[]
    )
    doc = open_docx(circular_render_docx(circular))
    assert not [t for t in _texts(doc) if "抄送" in t]
    (printed,) = (p for p in doc.paragraphs if "印发" in p.text)
    top = printed._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    assert top.get(qn("w:sz")) == "8"


def test_the_attachment_note_follows_the_body_and_the_attachment_the_signature(doc):
    texts = _texts(doc)
    note, sign, mark, name = (
        texts.index("附件：问题清单"),
        texts.index("示范区惩防办"),
        texts.index("附件"),
        texts.index("问题清单"),
    )
    assert texts.index("具体问题见问题清单。") < note < sign < mark < name
    assert doc.paragraphs[mark].style.paragraph_format.page_break_before  # 附件 on a page of its own
    assert _style(doc, "附件") == "通报附件标识" and _style(doc, "问题清单") == "通报附件标题"
    table = doc.tables[0]._tbl
    assert table.getprevious() is doc.paragraphs[name]._p  # the findings under their heading


def test_findings_rows_never_split_and_the_header_repeats(doc):
    rows = doc.tables[0].rows
    assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
    assert rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for row in rows[1:])


def test_the_page_grid_is_22_lines_of_28_characters(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"  # 225 mm / 22
    tighten = doc.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:spacing')}")
    pitch = 16 + int(tighten.get(qn("w:val"))) / 20
    assert 28 * pitch <= 442.2 < 29 * pitch  # the 156 mm 版心 holds 28 characters of 3号, not 29


def test_the_signature_is_centred_over_the_date(doc):
    sign, day = (p for p in doc.paragraphs if p.style.name == "通报署名")
    date_right = day.style.paragraph_format.right_indent  # four characters in
    assert date_right == Pt(64)
    centre_offset = sign.paragraph_format.right_indent - date_right
    # 2024年3月5日 is 7 characters wide (digits half), 示范区惩防办 6: the signature half a character in
    assert abs(centre_offset - Pt(16 * (width("2024年3月5日") - width("示范区惩防办")) / 2)) < Pt(0.1)


def test_the_issuer_and_the_doc_number_prefix_come_from_the_regions_settings(scene):
    region = scene.region
    region.issuer_name = "中共示范区纪律检查委员会"
    region.issuer_short_name = "示范区纪委"
    region.doc_code = "示纪"
    region.printer_name = "示范区纪委办公室"
    region.save()
    circular = circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)
    assert circular.doc_number == "示纪〔2024〕1号"
    assert suggest_doc_number(region, 2024) == "示纪〔2024〕2号"
    texts = _texts(open_docx(circular_render_docx(circular)))
    assert texts[0] == "中共示范区纪律检查委员会文件" and "中共示范区纪律检查委员会" in texts
    assert "\u3000示范区纪委办公室\t2024年3月5日印发\u3000" in texts
    region.issuer_mark_short = True
    region.save()
    texts = _texts(open_docx(circular_render_docx(circular)))
    assert texts[0] == "示范区纪委文件" and "示范区纪委" in texts  # the 红头 and the signature alike


def test_an_account_display_name_is_not_printed_in_the_text(scene):
    scene.inspection.lead_leader_name = "李书记（区委领导）"
    scene.inspection.save()
    circular = circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)
    assert "由李书记带队" in circular.body and "（区委领导）" not in circular.body
    assert person_in_text("王书记") == "王书记" and person_in_text("（无名）") == "（无名）"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("关于2024年第一季度明查暗访情况的通报", ("关于2024年第一季度明查暗访情况的通报",)),
        (
            "关于2024年度党风廉政建设责任制考核结果的通报",
            ("关于2024年度党风廉政建设", "责任制考核结果的通报"),
        ),
        (
            "关于区财政局、区教育局、区卫健局落实党风廉政建设主体责任专项检查情况的通报",
            ("关于区财政局、区教育局、区卫健局落实", "党风廉政建设主体责任专项检查情况的通报"),
        ),
    ],
)
def test_titles_break_at_word_boundaries_into_even_lines(title, lines):
    assert title_lines(title, names=["区财政局", "区教育局", "区卫健局"]) == lines


def test_a_long_title_is_printed_on_its_lines(scene):
    title = "关于2024年度党风廉政建设责任制考核结果的通报"
    circular = circular_draft(actor=scene.office, kind="assessment", title=title, body="正文。", units=[])
    doc = open_docx(circular_render_docx(circular))
    (paragraph,) = (p for p in doc.paragraphs if p.style.name == "通报标题")
    assert paragraph.text == "关于2024年度党风廉政建设\n责任制考核结果的通报"  # python-docx reads w:br as \n
    assert doc.core_properties.title == title


def test_the_office_sets_its_issuer_and_a_bad_setting_is_refused_whole(client, scene):
    client.force_login(scene.office)
    url = reverse("circular_issuer")
    data = {"issuer_name": "中共示范区纪律检查委员会", "issuer_short_name": "", "doc_code": "示纪"}
    response = client.post(url, {**data, "issuer_mark_short": "on"}, follow=True)
    assert "须填写规范化简称" in response.content.decode()  # the short name is needed to print it
    response = client.post(url, {**data, "doc_code": "示纪〔2024〕"}, follow=True)
    assert "不含年份" in response.content.decode()
    scene.region.refresh_from_db()
    assert (scene.region.issuer_name, scene.region.doc_code) == ("", "")  # nothing half-written
    client.post(url, {**data, "issuer_short_name": "示范区纪委", "issuer_mark_short": "on"})
    scene.region.refresh_from_db()
    assert scene.region.issuer_mark_short and scene.region.doc_code == "示纪"
    assert AuditEvent.objects.filter(action="circular.issuer_set", actor=scene.office).count() == 1
    page = client.get(reverse("circular_templates")).content.decode()
    assert 'value="示范区纪委"' in page


def test_the_templates_page_lists_the_optional_placeholders(client, scene):
    client.force_login(scene.office)
    page = client.get(reverse("circular_templates")).content.decode()
    assert "{{抄送}}、{{印发机关}}、{{印发日期}}（版记）" in page
