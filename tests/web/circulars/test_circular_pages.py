"""The circular pages: the office drafts from an inspection, edits, previews, publishes and downloads; a
unit sees the published circulars that name it and downloads them, and nothing else (404)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from taizhang.circulars.models import Circular, CircularTemplate
from taizhang.circulars.services import circular_draft_from_inspection, circular_publish
from tests.circulars.docx_reading import open_docx

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def draft(scene):
    return circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)


@pytest.fixture
def published(scene, draft):
    return circular_publish(actor=scene.office, circular=draft, expected_version=draft.version)


def test_the_office_creates_a_draft_from_an_inspection_and_lands_on_its_edit_page(client, scene):
    client.force_login(scene.office)
    page = client.get(reverse("circular_create"))
    assert page.status_code == 200 and "2024年第一季度明查暗访" in page.content.decode()
    response = client.post(
        reverse("circular_create"), {"inspection": scene.inspection.pk, "kind": "inspection"}
    )
    circular = Circular.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "circular_edit", args=[circular.pk]
    )
    edit = client.get(response["Location"]).content.decode()
    assert "示惩防办〔2024〕1号" in edit and "各有关单位：" in edit


def test_a_blank_draft_needs_a_title(client, scene):
    client.force_login(scene.office)
    response = client.post(reverse("circular_create"), {"kind": "assessment", "title": ""})
    assert response.status_code == 400 and not Circular.objects.exists()


def test_the_office_edits_previews_publishes_and_downloads(client, scene, draft):
    client.force_login(scene.office)
    response = client.post(
        reverse("circular_edit", args=[draft.pk]),
        {
            "title": "关于明查暗访发现问题的通报",
            "doc_number": "示惩防办〔2024〕4号",
            "body": "各有关单位：\n一、基本情况\n正文一段。",
            "units": [scene.u1.pk],
            "expected_version": draft.version,
        },
    )
    assert response.status_code == 302
    preview = client.get(reverse("circular_detail", args=[draft.pk])).content.decode()
    assert (
        "关于明查暗访发现问题的通报" in preview and "正文一段。" in preview and "公务接待台账不全" in preview
    )
    draft_file = client.get(reverse("circular_download", args=[draft.pk]))
    assert draft_file.status_code == 200 and draft_file["Content-Type"] == DOCX
    assert "attachment" in draft_file["Content-Disposition"]
    client.post(
        reverse("circular_publish", args=[draft.pk]),
        {"expected_version": draft.version + 1, "confirmed": "1"},
    )
    draft.refresh_from_db()
    assert draft.state == "published"
    doc = open_docx(client.get(reverse("circular_download", args=[draft.pk])).content)
    assert doc.paragraphs[1].text == "示惩防办〔2024〕4号"


def test_a_stale_edit_is_refused_with_409(client, scene, draft):
    client.force_login(scene.office)
    response = client.post(
        reverse("circular_edit", args=[draft.pk]),
        {"title": "x", "doc_number": "", "body": "", "expected_version": draft.version + 5},
    )
    assert response.status_code == 409


def test_a_unit_lists_and_downloads_the_published_circulars_naming_it(client, scene, published):
    client.force_login(scene.liaison_u1)
    listing = client.get(reverse("circular_list")).content.decode()
    assert published.title in listing
    response = client.get(reverse("circular_download", args=[published.pk]))
    assert response.status_code == 200
    assert open_docx(response.content).paragraphs[1].text == published.doc_number


def test_a_unit_not_named_gets_404_and_sees_an_empty_list(client, scene, published):
    client.force_login(scene.liaison_u3)
    assert published.title not in client.get(reverse("circular_list")).content.decode()
    for name in ("circular_detail", "circular_download"):
        assert client.get(reverse(name, args=[published.pk])).status_code == 404


def test_a_draft_is_hidden_from_the_units_it_names(client, scene, draft):
    client.force_login(scene.liaison_u1)
    assert client.get(reverse("circular_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("circular_download", args=[draft.pk])).status_code == 404


def test_a_unit_may_not_edit_or_publish(client, scene, published):
    client.force_login(scene.liaison_u1)
    assert client.get(reverse("circular_edit", args=[published.pk])).status_code == 403
    assert (
        client.post(reverse("circular_publish", args=[published.pk]), {"expected_version": 1}).status_code
        == 403
    )


def _template(*paragraphs: str) -> SimpleUploadedFile:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = BytesIO()
    doc.save(out)
    return SimpleUploadedFile("本区模板.docx", out.getvalue())


def test_the_template_page_refuses_a_bad_template_with_400_and_both_languages(client, scene):
    client.force_login(scene.office)
    response = client.post(
        reverse("circular_templates"), {"kind": "assessment", "file": _template("{{标题}}", "{{正文}}")}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "缺少必需的占位符" in body and "lacks required placeholders" not in body
    assert not CircularTemplate.objects.exists()


def test_the_template_page_replaces_a_template_and_offers_it_for_download(client, scene):
    client.force_login(scene.office)
    upload = _template("{{发文机关}}", "{{文号}}", "{{标题}}", "{{正文}}", "{{成文日期}}")
    response = client.post(reverse("circular_templates"), {"kind": "assessment", "file": upload})
    assert response.status_code == 302
    assert "本区模板.docx" in client.get(reverse("circular_templates")).content.decode()
    built_in = client.get(reverse("circular_template_download") + "?kind=inspection")
    assert built_in.status_code == 200 and open_docx(built_in.content).paragraphs[2].text == "{{标题}}"


def test_the_list_costs_the_same_queries_for_one_circular_as_for_ten(
    client, scene, django_assert_max_num_queries
):
    from tests.factories import make_circular

    client.force_login(scene.office)
    make_circular(region=scene.region, units=[scene.u1], created_by=scene.office)
    client.get(reverse("circular_list"))  # warm the session
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("circular_list"))
    for _ in range(9):
        make_circular(region=scene.region, units=[scene.u1], created_by=scene.office)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("circular_list"))


def test_publishing_asks_first_naming_the_units_told(client, scene, draft):
    client.force_login(scene.office)
    url = reverse("circular_publish", args=[draft.pk])
    names = list(draft.units.values_list("name", flat=True))
    html = client.get(url).content.decode()
    assert names and all(name in html for name in names)
    assert f"发布后 {len(names)} 个被通报单位的联络员和负责人将收到通知" in html
    assert client.post(url, {"expected_version": draft.version}).status_code == 200
    draft.refresh_from_db()
    assert draft.state == "draft"
