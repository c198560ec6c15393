"""Keyset pages over the log: newest first by (at, id), no entry twice and none skipped, even when many
share one instant; "older" and "newer" links; no count of the table."""

from datetime import timedelta

import pytest
from django.urls import reverse

from taizhang.administration.auditlog import PAGE_SIZE
from tests.auditlog.helpers import T0, add_entries

pytestmark = pytest.mark.django_db


def _walk(client, link_name, start_params):
    seen, params = [], start_params
    for _ in range(20):
        response = client.get(reverse("audit_log"), params)
        assert response.status_code == 200
        page = response.context["page"]
        seen.append([row["entry"].pk for row in response.context["rows"]])
        cursor = getattr(page, link_name)
        if cursor is None:
            return seen
        params = {("older" if link_name == "older" else "newer"): cursor.token()}
    raise AssertionError("the pages never ended")


def test_walking_older_pages_shows_every_entry_once_even_with_equal_timestamps(client, land):
    same_instant = add_entries(PAGE_SIZE + 7, region_ref=land.city_a.pk, step=timedelta(0))
    others = add_entries(PAGE_SIZE, region_ref=land.city_a.pk, at=T0 - timedelta(hours=1))
    client.force_login(land.auditor_a)
    pages = _walk(client, "older", {})
    flat = [pk for page in pages for pk in page]
    assert len(flat) == len(set(flat))
    assert set(flat) >= set(same_instant) | set(others)
    ours = [pk for pk in flat if pk in set(same_instant)]
    assert ours == sorted(same_instant, reverse=True)  # newest first: ties by id, newest id first


def test_the_newer_link_leads_back_to_the_same_pages(client, land):
    add_entries(PAGE_SIZE * 2 + 3, region_ref=land.city_a.pk, step=timedelta(0))
    client.force_login(land.auditor_a)
    forward = _walk(client, "older", {})
    last = client.get(reverse("audit_log"), {"older": _cursor_before_last(client, forward)})
    backward = _walk(client, "newer", {"newer": last.context["page"].newer.token()})
    assert backward[-1] == forward[0]
    assert backward[0] == forward[-2]


def _cursor_before_last(client, pages):
    from taizhang.administration.auditlog import Cursor
    from taizhang.audit.models import AuditEvent

    return Cursor.of(AuditEvent.objects.get(pk=pages[-2][-1])).token()


def test_the_first_page_has_no_newer_link_and_the_last_no_older(client, land):
    add_entries(3, region_ref=land.city_a.pk)
    client.force_login(land.auditor_a)
    page = client.get(reverse("audit_log")).context["page"]
    assert page.newer is None and page.older is None


def test_filters_are_kept_in_the_page_links(client, land):
    add_entries(PAGE_SIZE + 1, action="plan.publish", region_ref=land.city_a.pk)
    client.force_login(land.auditor_a)
    html = client.get(reverse("audit_log"), {"action": "plan.publish"}).content.decode()
    assert "action=plan.publish&amp;older=" in html


@pytest.mark.parametrize("token", ["garbage!", "bm90LWEtY3Vyc29y", "MTIz"])
def test_a_broken_page_link_is_refused_with_a_message(client, land, token):
    client.force_login(land.auditor_a)
    response = client.get(reverse("audit_log"), {"older": token})
    assert response.status_code == 400
    assert "翻页链接无效" in response.content.decode()


def test_no_query_counts_the_log(client, land, django_assert_max_num_queries):
    add_entries(5, region_ref=land.city_a.pk)
    client.force_login(land.auditor_a)
    with django_assert_max_num_queries(20) as captured:
        client.get(reverse("audit_log"))
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
