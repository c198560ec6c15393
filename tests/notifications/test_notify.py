"""notify: one notification per occasion, the inbox always, e-mail and webhook deliveries when configured."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from taizhang.audit.models import AuditEvent
from taizhang.notifications.models import Delivery, Notification
from taizhang.notifications.services import notify
from tests.notifications.helpers import intent

pytestmark = pytest.mark.django_db


def channels(notification) -> dict[str, str]:
    return dict(notification.deliveries.values_list("channel", "state"))


def test_the_same_occasion_twice_makes_one_notification(people, no_channels):
    first = notify(intent=intent(people.liaison, "order:1:unit:1:before:2024-03-08"))
    second = notify(intent=intent(people.liaison, "order:1:unit:1:before:2024-03-08"))
    assert first is not None and second is None
    assert Notification.objects.count() == 1 and Delivery.objects.count() == 1


def test_the_inbox_is_always_a_channel_and_delivered_at_once(people, no_channels):
    notification = notify(intent=intent(people.liaison, "k1", webhook=True))
    assert channels(notification) == {"inbox": "sent"}
    assert notification.deliveries.get().sent_at is not None
    assert notification.read_at is None


def test_email_when_smtp_is_configured_and_the_recipient_has_an_address(people, settings):
    settings.TAIZHANG_EMAIL_ENABLED, settings.TAIZHANG_WEBHOOK_URL = True, ""
    assert channels(notify(intent=intent(people.liaison, "k1"))) == {"inbox": "sent", "email": "pending"}
    assert channels(notify(intent=intent(people.head, "k2"))) == {"inbox": "sent"}  # no address


def test_webhook_only_when_the_intent_asks_and_a_url_is_configured(people, settings):
    settings.TAIZHANG_EMAIL_ENABLED = False
    settings.TAIZHANG_WEBHOOK_URL = "http://127.0.0.1:9/robot"
    assert channels(notify(intent=intent(people.office, "k1", webhook=True))) == {
        "inbox": "sent",
        "webhook": "pending",
    }
    assert channels(notify(intent=intent(people.office, "k2"))) == {"inbox": "sent"}


def test_the_notification_keeps_what_it_is_about_and_an_audit_entry(people, no_channels):
    from taizhang.notifications.intents import ReminderIntent

    notification = notify(
        intent=ReminderIntent(
            recipient=people.liaison,
            kind="escalation",
            subject="逾期",
            body="",
            link="/x/",
            about=people.unit,
            dedup_key="k-about",
        )
    )
    assert notification.about_type == ContentType.objects.get_for_model(people.unit)
    assert notification.about_id == people.unit.pk and notification.kind == "escalation"
    event = AuditEvent.objects.get(action="notification.create")
    assert event.after["dedup_key"] == "k-about" and event.after["channels"] == ["inbox"]


@pytest.mark.parametrize("link", ["javascript:alert(1)", "//evil.example/", "https://evil.example/", "x/y"])
def test_a_link_that_leaves_the_site_is_not_kept(people, no_channels, link):
    assert notify(intent=intent(people.liaison, f"k-{link}", link=link)).link == ""
