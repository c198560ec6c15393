"""The 回头看 pages: the office draws a batch, sees its entries, records a relapse (the item reopens);
the unit finds its relapse on the relapse list; a refused draw shows the form again with the reason
(``lookback_world``)."""

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.rectification.models import LookBack, RectState


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(world):
    return _client(world.office)


def test_the_office_draws_a_batch_and_records_a_relapse_that_reopens_the_item(world, office):
    page = office.get(reverse("lookback_create"))
    assert page.status_code == 200 and "抽取截止日" in page.content.decode()
    body = {"title": "2021年回头看", "closed_before": "2020-05-10", "item_count": 2, "line_count": 0}
    sent = office.post(reverse("lookback_create"), body)
    batch = LookBack.objects.get(title="2021年回头看")
    assert sent.status_code == 302 and sent["Location"] == reverse("lookback_detail", args=[batch.pk])
    detail = office.get(sent["Location"]).content.decode()
    assert world.items["old"].title in detail and world.items["spring"].title in detail
    entry = batch.entries.get(item=world.items["old"])
    recheck = {"result": "relapsed", "checked_on": "2021-05-09", "note": "制度未执行"}
    done = office.post(reverse("lookback_recheck", args=[entry.pk]), recheck)
    assert done.status_code == 302
    world.items["old"].refresh_from_db()
    assert world.items["old"].state == RectState.IN_PROGRESS
    mine = _client(world.liaison1).get(reverse("relapse_list")).content.decode()
    assert "制度未执行" in mine and world.items["old"].title in mine
    theirs = _client(world.liaison2).get(reverse("relapse_list")).content.decode()
    assert "制度未执行" not in theirs


def test_a_refused_draw_shows_the_form_again_with_the_reason(world, office):
    body = {"title": "回头看", "closed_before": "2018-01-01", "item_count": 2, "line_count": 2}
    page = office.post(reverse("lookback_create"), body)
    assert page.status_code == 422
    assert "抽取范围内没有可回头看的事项或任务" in page.content.decode()
    assert not LookBack.objects.exists()


def test_a_relapse_without_a_note_is_refused_on_the_batch_page(world, office):
    office.post(
        reverse("lookback_create"),
        {"title": "回头看", "closed_before": "2020-05-10", "item_count": 1, "line_count": 0, "seed": 3},
    )
    entry = LookBack.objects.get().entries.get()
    page = office.post(
        reverse("lookback_recheck", args=[entry.pk]), {"result": "relapsed", "checked_on": "2021-05-09"}
    )
    assert page.status_code == 422 and "请填写复查情况" in page.content.decode()
    entry.refresh_from_db()
    assert entry.result == ""
