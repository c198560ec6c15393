"""The regulation pages: list and review, register and edit, the page with its forms, version upload and
download, decisions, and the catalogue import's upload → preview → confirm."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.regulations.models import Regulation
from taizhang.regulations.services import regulation_create
from taizhang.rulemaking.models import RegulationDecision
from taizhang.rulemaking.services import regulation_decide, regulation_version_add
from tests.factories import make_regulation
from tests.regulations.conftest import pdf
from tests.regulations.test_catalogue_import import GOOD, workbook


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def regulation(city):
    return regulation_create(
        actor=city.office,
        region=city.region,
        title="公务接待管理办法",
        issuing_unit=city.u1,
        issued_on=date(2019, 1, 1),
    )


def test_the_list_filters_counts_and_offers_the_office_its_links(city, regulation):
    make_regulation(title="起草的制度", region=city.region, status="drafting")
    make_regulation(title="乙市制度", region=city.other)
    page = _client(city.office).get(reverse("regulation_list"), {"status": "in_force"})
    body = page.content.decode()
    assert "公务接待管理办法" in body and "起草的制度" not in body and "乙市制度" not in body
    assert "现行有效 1 · 起草中 1" in body
    assert reverse("regulation_import") in body and reverse("regulation_create") in body
    leader_page = _client(city.leader).get(reverse("regulation_list")).content.decode()
    assert reverse("regulation_import") not in leader_page and reverse("regulation_create") not in leader_page


def test_the_list_costs_the_same_queries_for_more_regulations(
    city, regulation, django_assert_max_num_queries
):
    for n in range(30):
        make_regulation(title=f"制度{n}", region=city.region)
    client = _client(city.leader)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("regulation_list")).status_code == 200


def test_the_review_page_lists_what_is_due(city, regulation):
    body = _client(city.liaison2).get(reverse("regulation_review")).content.decode()
    assert "公务接待管理办法" in body  # issued in 2019, never reviewed


def test_the_issuing_unit_uploads_a_version_and_downloads_its_file(city, regulation):
    client = _client(city.liaison1)
    url = reverse("regulation_version_add", args=[regulation.pk])
    response = client.post(url, {"file": pdf("正文.pdf"), "issued_on": "2020-01-01", "doc_number": "甲发1号"})
    assert response.status_code == 302
    version = regulation.versions.get()
    download = _client(city.liaison2).get(reverse("regulation_version_download", args=[version.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 regulation"
    assert (
        _client(city.office_b).get(reverse("regulation_version_download", args=[version.pk])).status_code
        == 404
    )


def test_another_unit_may_read_but_not_upload(city, regulation):
    client = _client(city.liaison2)
    assert client.get(reverse("regulation_detail", args=[regulation.pk])).status_code == 200
    url = reverse("regulation_version_add", args=[regulation.pk])
    assert client.post(url, {"file": pdf()}).status_code == 403


def test_a_decision_without_evaluation_shows_the_form_again_and_with_it_moves_the_status(city, regulation):
    client, url = _client(city.office), reverse("regulation_decide", args=[regulation.pk])
    body = {
        "kind": "revise",
        "evaluation": "",
        "decided_on": "2021-01-04",
        "expected_version": regulation.version,
    }
    assert client.post(url, body).status_code == 422
    body |= {"evaluation": "mk-eval", "argumentation": "论证", "legal_review": "审查"}
    assert client.post(url, body).status_code == 302
    regulation.refresh_from_db()
    assert regulation.status == "revising" and RegulationDecision.objects.count() == 1
    body["kind"] = "abolish"
    assert client.post(url, body).status_code == 409  # the version it was decided from is gone


def test_the_page_shows_notes_to_the_issuing_unit_but_not_to_another(city, regulation):
    regulation_decide(
        actor=city.office,
        regulation=regulation,
        kind="retain",
        evaluation="mk-eval 评估",
        decided_on=date(2021, 1, 4),
        expected_version=regulation.version,
    )
    url = reverse("regulation_detail", args=[regulation.pk])
    assert "mk-eval" in _client(city.head1).get(url).content.decode()
    other = _client(city.liaison2).get(url).content.decode()
    assert "mk-eval" not in other and "留" in other
    assert 'action="' + reverse("regulation_decide", args=[regulation.pk]) not in other


def test_a_unit_registers_its_regulation_and_edits_it(city):
    client = _client(city.liaison1)
    response = client.post(
        reverse("regulation_create"),
        {"region": city.region.pk, "title": "本局制度", "status": "drafting", "issuing_unit": city.u1.pk},
    )
    regulation = Regulation.objects.get(title="本局制度")
    assert response.status_code == 302 and regulation.status == "drafting"
    edit = {"title": "本局新制度", "issuing_unit": city.u1.pk, "expected_version": regulation.version}
    assert client.post(reverse("regulation_edit", args=[regulation.pk]), edit).status_code == 302
    regulation.refresh_from_db()
    assert regulation.title == "本局新制度"


def test_a_version_on_an_abolished_regulation_is_refused_on_the_page(city, regulation):
    regulation_version_add(actor=city.office, regulation=regulation, file=pdf())
    Regulation.objects.filter(pk=regulation.pk).update(status="abolished")
    response = _client(city.office).post(
        reverse("regulation_version_add", args=[regulation.pk]), {"file": pdf()}
    )
    assert response.status_code == 422 and "已废止" in response.content.decode()


def test_the_catalogue_import_previews_then_confirms(city):
    client, url = _client(city.office), reverse("regulation_import")
    upload = workbook(*GOOD)
    upload.name = "目录.xlsx"
    preview = client.post(url, {"action": "preview", "region": city.region.pk, "file": upload})
    assert preview.status_code == 200 and "公务接待管理办法" in preview.content.decode()
    assert not Regulation.objects.exists()
    assert client.post(url, {"action": "confirm"}).status_code == 302
    assert Regulation.objects.count() == 4
    assert client.post(url, {"action": "confirm"}).status_code == 302  # nothing left to confirm
    assert Regulation.objects.count() == 4


def test_the_catalogue_preview_lists_the_problems_and_refuses_csv(city):
    client, url = _client(city.office), reverse("regulation_import")
    upload = workbook(*GOOD, ("", "x", "", "", "", ""))
    upload.name = "目录.xlsx"
    response = client.post(url, {"action": "preview", "region": city.region.pk, "file": upload})
    assert response.status_code == 422 and "第 8 行" in response.content.decode()
    csv = pdf("目录.csv")
    response = client.post(url, {"action": "preview", "region": city.region.pk, "file": csv})
    assert response.status_code == 422 and "只能导入 .xlsx" in response.content.decode()
    assert client.post(url, {"action": "confirm"}).status_code == 302 and not Regulation.objects.exists()
