"""The plan ledger as PDF: the .xlsx export under the same filters, through LibreOffice; a 409 and no link
without it."""

import subprocess

import pytest
from django.urls import reverse

from taizhang.exports import pdf

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not pdf.available(), reason="LibreOffice not installed")
def test_the_ledger_pdf_holds_the_filtered_lines(client, ledger):
    client.force_login(ledger.town.admin)
    page = client.get(reverse("plan_ledger", args=[ledger.plan.pk])).content.decode()
    assert reverse("plan_ledger_export_pdf", args=[ledger.plan.pk]) in page
    response = client.get(reverse("plan_ledger_export_pdf", args=[ledger.plan.pk]), {"q": "财政资金"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(".pdf")
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True)
    text = out.stdout.decode()
    assert "健全财政资金监管制度" in text and "市审计局" in text
    assert "测试任务一.1" not in text  # the filter applies, as on the page and in the .xlsx


def test_without_libreoffice_the_ledger_has_no_pdf_link_and_the_address_says_why(client, ledger, monkeypatch):
    monkeypatch.setenv("TAIZHANG_SOFFICE", "")
    client.force_login(ledger.town.admin)
    url = reverse("plan_ledger_export_pdf", args=[ledger.plan.pk])
    assert url not in client.get(reverse("plan_ledger", args=[ledger.plan.pk])).content.decode()
    response = client.get(url)
    assert response.status_code == 409 and "LibreOffice" in response.content.decode()
