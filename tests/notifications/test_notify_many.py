"""notify_many: the once-only guarantee of notify, in bulk — a rerun creates nothing, a message already
told (one by one or in an earlier batch) is not told again; each new one has its deliveries and audit."""

from __future__ import annotations

import pytest

from taizhang.audit.models import AuditEvent
from taizhang.notifications import services
from taizhang.notifications.models import Delivery, Notification
from taizhang.notifications.services import notify, notify_many
from tests.notifications.helpers import intent

pytestmark = pytest.mark.django_db


def many(people, n: int, prefix: str = "k") -> list:
    return [intent(people.liaison if i % 2 else people.head, f"{prefix}:{i}") for i in range(n)]


def test_a_rerun_creates_nothing(people, no_channels):
    intents = many(people, 7)
    first = notify_many(intents=intents)
    second = notify_many(intents=intents)
    assert len(first) == 7 and all(n.pk for n in first) and second == []
    assert Notification.objects.count() == 7 and Delivery.objects.count() == 7


def test_a_message_told_before_is_not_told_again(people, no_channels):
    told = notify(intent=intent(people.head, "k:2"))
    made = notify_many(intents=[*many(people, 4), intent(people.head, "k:1")])  # k:1 twice in the call
    assert sorted(n.dedup_key for n in made) == ["k:0", "k:1", "k:3"]
    assert Notification.objects.filter(dedup_key="k:2").get() == told
    assert Notification.objects.count() == 4


def test_batches_give_each_message_its_deliveries_and_audit_entry(people, settings, monkeypatch):
    settings.TAIZHANG_EMAIL_ENABLED, settings.TAIZHANG_WEBHOOK_URL = True, ""
    monkeypatch.setattr(services, "BATCH", 2)
    made = notify_many(intents=many(people, 5))
    assert len(made) == 5
    # the liaison has an address (inbox + e-mail), the head none (inbox only)
    assert Delivery.objects.filter(channel="email", state="pending").count() == 2
    assert Delivery.objects.filter(channel="inbox", state="sent").count() == 5
    entries = AuditEvent.objects.filter(action="notification.create")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(n.pk) for n in made)


def test_a_parallel_run_storing_a_key_first_falls_back_to_one_by_one(people, no_channels, monkeypatch):
    """The key check missed a message another run stored meanwhile: the unique key refuses the bulk insert
    and the batch is stored one by one, that message left out."""
    real = services._notification

    def racing(i):
        if i.dedup_key == "k:1" and not Notification.objects.filter(dedup_key="k:1").exists():
            Notification.objects.create(recipient=people.liaison, subject="先到", dedup_key="k:1")
        return real(i)

    monkeypatch.setattr(services, "_notification", racing)
    made = notify_many(intents=many(people, 3))
    assert sorted(n.dedup_key for n in made) == ["k:0", "k:2"]
    assert Notification.objects.get(dedup_key="k:1").subject == "先到"


def test_many_people_cost_no_query_each_and_their_entries_are_placed(people, no_channels):
    """The audit entries are placed at each recipient's unit and region, read for all recipients at once:
    telling 12 people costs the queries of telling 2."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from taizhang.accounts.models import Role, User
    from tests.factories import make_unit, make_user

    def fresh(users):  # new objects each time, as the rules read them
        return [User.objects.get(pk=u.pk) for u in users]

    two = [people.liaison, people.head]
    twelve = [make_user(unit=make_unit(region=people.region), role=Role.LIAISON) for _ in range(12)]
    counts = []
    for prefix, users in (("a", fresh(two)), ("b", fresh(twelve))):
        with CaptureQueriesContext(connection) as queries:
            notify_many(intents=[intent(u, f"{prefix}:{u.pk}") for u in users])
        counts.append(len(queries))
    assert counts[0] == counts[1]
    entry = AuditEvent.objects.get(action="notification.create", after__recipient_id=twelve[0].pk)
    assert (entry.unit_ref, entry.region_ref) == (twelve[0].unit_id, people.region.pk)
