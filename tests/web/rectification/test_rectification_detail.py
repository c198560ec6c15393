"""The item's page: its source and timeline; another unit's item by id is 404; the forms offered follow
who may act now — the unit while it works on the item, the office while it waits for verification."""

import pytest
from django.urls import reverse

from taizhang.rectification.services import rectification_progress_add
from tests.inspections.world import pdf
from tests.rectification.helpers import apply, item_in, open_item, refuse

pytestmark = pytest.mark.django_db


def _get(client, item):
    return client.get(reverse("rectification_detail", args=[item.pk]))


def test_another_units_item_is_404(client, city):
    item = open_item(city, unit=city.b)
    client.force_login(city.liaison_a)
    assert _get(client, item).status_code == 404
    client.force_login(city.admin_x)
    assert _get(client, item).status_code == 404


def test_the_unit_is_offered_progress_and_close_out_while_it_works(client, city):
    item = open_item(city)
    client.force_login(city.liaison_a)
    context = _get(client, item).context
    assert context["progress_form"] is not None and context["closeout_form"] is not None
    assert context["verify_form"] is None


def test_the_office_is_offered_verification_only_while_an_application_waits(client, city):
    item = item_in(city, "closeout_requested")
    client.force_login(city.admin)
    context = _get(client, item).context
    assert context["verify_form"] is not None and context["progress_form"] is None
    client.force_login(city.leader)
    assert _get(client, item).context["verify_form"] is None
    client.force_login(city.liaison_a)
    assert _get(client, item).context["closeout_form"] is None


def test_the_timeline_shows_progress_applications_refusals_and_their_files(client, city):
    item = open_item(city)
    rectification_progress_add(
        actor=city.liaison_a, item=item, text="已召开整改会", files=[pdf("会议纪要.pdf")]
    )
    item.refresh_from_db()
    item = refuse(city, apply(city, item, files=[pdf("整改报告.pdf")]), reason="缺少制度文件")
    client.force_login(city.head_a)
    response = _get(client, item)
    page = response.content.decode()
    for text in ("已召开整改会", "会议纪要.pdf", "整改报告.pdf", "缺少制度文件", "已完成整改"):
        assert text in page
    entries = response.context["timeline"]
    application = next(e for e in entries if e.step and e.step.to_state == "closeout_requested")
    assert [f.original_name for f in application.files] == ["整改报告.pdf"]


def test_the_page_reads_in_english(client, city):
    item = item_in(city, "closeout_requested")
    client.force_login(city.admin)
    client.post(reverse("set_language"), {"language": "en"})
    page = _get(client, item).content.decode()
    assert "Close-out requested" in page and "Verify and close out" in page and ">Refuse</button>" in page
