"""The score sheet .xlsx and the ranking circular .docx, opened and read back."""

import io
import re

from django.test import Client
from docx import Document
from openpyxl import load_workbook

from taizhang.assessment.circular import assessment_circular_draft, circular_title
from taizhang.assessment.models import Score
from taizhang.circulars.models import Circular, CircularKind
from tests.assessment.scene import create, publish


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_score_sheet_has_a_row_per_unit_and_a_column_per_leaf_from_the_snapshot(scene):
    a = publish(scene, create(scene), manual={scene.u1: (30, "不足")})
    Score.objects.filter(assessed__assessment=a).update(final=0)  # later changes do not show
    response = _client(scene.office).get(f"/assessment/{a.pk}/scores.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "得分表"
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = values[2]
    assert header[:2] == ["序号", "单位"] and header[-3:] == ["总分", "名次", "等次"]
    assert any("1.2" in str(h) for h in header)
    body = {row[1]: row for row in values[3:]}
    # Scores and ranks are number cells (they sort and sum), shown to two places.
    assert body[scene.u2.name][-3:] == [100, 1, "优秀"]
    # nothing of 1.1 (task completion) was due in 2020: left out, 30 of 40 rescaled to 100
    assert body[scene.u1.name][-3:] == [75, 2, "一般"]
    total = sheet.cell(4, len(header) - 2)
    assert total.data_type == "n" and total.number_format == "0.00"
    leaves = [sheet.cell(4, column) for column in range(3, len(header) - 2)]
    assert any(c.data_type == "n" and c.number_format == "0.00" for c in leaves)
    assert all(c.data_type == "n" or c.value == "不计入" for c in leaves if c.value is not None)


def test_the_ranking_circular_lists_the_units_by_grade(scene):
    a = publish(scene, create(scene), manual={scene.u1: (10, "差")})
    response = _client(scene.liaison1).get(f"/assessment/{a.pk}/circular.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs)
    assert f"优秀（1个）：{scene.u2.name}" in text
    assert "良好（0个）" in text and f"较差（1个）：{scene.u1.name}" in text
    assert f"第2名　{scene.u1.name}　25.00分" in text  # 10 of the 40 points that applied


def test_publishing_offers_a_draft_circular_naming_every_unit(scene):
    a = publish(scene, create(scene))
    circular = assessment_circular_draft(actor=scene.office, assessment=a)
    assert circular.kind == CircularKind.ASSESSMENT and circular.state == "draft"
    assert set(circular.units.all()) == {scene.u1, scene.u2}
    assert circular.doc_number and "考核排名" in circular.body


def test_the_ranking_circular_names_the_year_once_and_carries_a_doc_number(scene):
    a = publish(scene, create(scene, title="2020年度考核"))
    assert circular_title(a) == "关于2020年度考核结果的通报"
    assert circular_title(create(scene, year=2021, title="年度考核")) == "关于2021年度考核结果的通报"
    response = _client(scene.liaison1).get(f"/assessment/{a.pk}/circular.docx")
    paragraphs = Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs
    number, title = paragraphs[1].text, paragraphs[2].text
    assert re.fullmatch(r"\w+〔\d{4}〕1号", number) and title == "关于2020年度考核结果的通报"
    drafted = assessment_circular_draft(
        actor=scene.office, assessment=a
    )  # the office's 文号 wins once drafted
    Circular.objects.filter(pk=drafted.pk).update(doc_number="示惩防办〔2020〕9号")
    response = _client(scene.liaison1).get(f"/assessment/{a.pk}/circular.docx")
    paragraphs = Document(io.BytesIO(b"".join(response.streaming_content))).paragraphs
    assert paragraphs[1].text == "示惩防办〔2020〕9号"
