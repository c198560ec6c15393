"""The inbox: a user sees only their own messages (404 for anyone else's), marks them read, and the header's
badge counts the unread ones."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from tests.factories import make_notification, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    unit = make_unit()
    me = make_user(unit=unit, role=Role.LIAISON)
    other = make_user(unit=unit, role=Role.UNIT_HEAD)
    mine = make_notification(recipient=me, subject="我的催办-mk-mine", link="/circulars/")
    theirs = make_notification(recipient=other, subject="别人的催办-mk-theirs")
    return me, other, mine, theirs


def test_the_inbox_shows_only_the_users_own_messages(client, pair):
    me, _, _, _ = pair
    client.force_login(me)
    body = client.get(reverse("notification_inbox")).content.decode()
    assert "mk-mine" in body and "mk-theirs" not in body


def test_marking_someone_elses_message_read_is_404_and_changes_nothing(client, pair):
    me, _, _, theirs = pair
    client.force_login(me)
    assert client.post(reverse("notification_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_open_marks_read_and_goes_to_the_messages_page(client, pair):
    me, _, mine, _ = pair
    client.force_login(me)
    response = client.post(reverse("notification_read", args=[mine.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/circulars/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_the_badge_counts_unread_and_read_all_clears_it(client, pair):
    me, _, _, _ = pair
    make_notification(recipient=me)
    client.force_login(me)
    assert ">2</span>" in client.get(reverse("notification_badge")).content.decode()
    client.post(reverse("notification_read_all"))
    assert "</span>" not in client.get(reverse("notification_badge")).content.decode()


def test_every_page_carries_the_inbox_link_that_loads_the_badge(client, pair):
    me, _, _, _ = pair
    client.force_login(me)
    body = client.get(reverse("notification_inbox")).content.decode()
    assert f'hx-get="{reverse("notification_badge")}"' in body


def test_the_inbox_costs_the_same_queries_for_one_message_as_for_twenty(
    client, pair, django_assert_max_num_queries
):
    me, _, _, _ = pair
    client.force_login(me)
    client.get(reverse("notification_inbox"))
    with django_assert_max_num_queries(12) as one:
        client.get(reverse("notification_inbox"))
    for _ in range(19):
        make_notification(recipient=me)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("notification_inbox"))
