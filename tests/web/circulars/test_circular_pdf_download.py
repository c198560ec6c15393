"""The PDF beside the Word file: made by LibreOffice where it is installed (the same document, as PDF);
where it is not, no PDF link on the pages and a 409 saying why at the address — never a 500."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse

from taizhang.circulars.services import circular_draft_from_inspection, circular_publish
from taizhang.exports import pdf

pytestmark = pytest.mark.django_db

needs_libreoffice = pytest.mark.skipif(not pdf.available(), reason="LibreOffice not installed")


@pytest.fixture
def published(scene):
    draft = circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)
    return circular_publish(actor=scene.office, circular=draft, expected_version=draft.version)


@needs_libreoffice
def test_a_reader_of_the_circular_downloads_it_as_pdf(client, scene, published):
    client.force_login(scene.office)
    detail = client.get(reverse("circular_detail", args=[published.pk])).content.decode()
    url = reverse("circular_download_pdf", args=[published.pk])
    assert f'href="{url}"' in detail
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "%E7%A4%BA%E6%83%A9%E9%98%B2%E5%8A%9E" in response["Content-Disposition"]  # 示惩防办…pdf
    assert response["Content-Disposition"].endswith(".pdf")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    text = text.replace(" ", "")  # pdftotext spaces digits from Chinese
    assert "示惩防办〔2024〕1号" in text and "区财政局" in text and "2024年3月5日印发" in text


def test_without_libreoffice_no_link_and_the_address_answers_409(client, scene, published, monkeypatch):
    monkeypatch.setenv("TAIZHANG_SOFFICE", "")
    client.force_login(scene.office)
    url = reverse("circular_download_pdf", args=[published.pk])
    assert url not in client.get(reverse("circular_detail", args=[published.pk])).content.decode()
    assert url not in client.get(reverse("circular_list")).content.decode()
    response = client.get(url)
    assert response.status_code == 409
    body = response.content.decode()
    assert "未安装 LibreOffice" in body and "LibreOffice is not installed" in body


def test_a_failed_conversion_is_a_422_not_a_500(client, scene, published, monkeypatch, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 1\n")  # runs, makes nothing
    fake.chmod(0o755)
    monkeypatch.setenv("TAIZHANG_SOFFICE", str(fake))
    client.force_login(scene.office)
    response = client.get(reverse("circular_download_pdf", args=[published.pk]))
    assert response.status_code == 422 and "PDF 生成失败" in response.content.decode()
