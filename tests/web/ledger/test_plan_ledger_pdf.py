"""The plan ledger as PDF: the .xlsx export under the same filters, through LibreOffice; a 409 and no link
without it."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from taizhang.exports import pdf
from tests.factories import make_assignment, make_plan

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


@pytest.mark.skipif(not (pdf.available() and shutil.which("pdftotext")), reason="LibreOffice not installed")
def test_a_long_ledger_prints_on_a4_with_every_row_whole(client, town):
    plan = make_plan(region=town.region, title="长台账", sections=2, tasks_per_section=20)
    for n, task in enumerate(plan.tasks.order_by("order")):
        task.text = f"T{n:02d}a " + "健全财政资金监管制度，推行公务卡结算。" * (1 + n % 4) + f" T{n:02d}z"
        task.save(update_fields=["text"])
        make_assignment(task=task, unit=town.unit_a if n % 2 else town.unit_b)
    client.force_login(town.admin)
    response = client.get(reverse("plan_ledger_export_pdf", args=[plan.pk]))
    assert response.status_code == 200
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=response.content, capture_output=True)
    pages = out.stdout.decode().split("<page ")[1:]
    # How many pages is the .xlsx's print setup (issue 14 item 11); whatever it is, rows print whole.
    where = {}
    for number, chunk in enumerate(pages, 1):
        width, height = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', chunk).groups())
        assert sorted((round(width), round(height))) == [595, 842]  # A4, either way round
        for word in re.findall(r">(T\d\d[az])</word>", chunk):
            where[word] = number
    for n in range(40):  # a row starts and ends on the same page
        assert where[f"T{n:02d}a"] == where[f"T{n:02d}z"], f"task {n} is cut"
