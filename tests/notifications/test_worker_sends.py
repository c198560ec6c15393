"""``taizhang worker`` sends each new e-mail within seconds of its commit (one poll), once; a failed one is
left to the tick's retries rather than tried again every poll."""

from __future__ import annotations

from io import StringIO

from django.core import mail
from django.core.management import call_command

from taizhang.notifications.models import Delivery
from taizhang.notifications.services import notify
from tests.notifications.helpers import intent


def _poll() -> None:
    call_command("worker", "--once", stdout=StringIO(), stderr=StringIO())


def test_one_poll_sends_a_new_message_once(people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TAIZHANG_EMAIL_ENABLED = True
    notify(intent=intent(people.liaison, "worker:1"))
    _poll()
    _poll()
    assert [m.to for m in mail.outbox] == [[people.liaison.email]]
    assert Delivery.objects.get(channel=Delivery.Channel.EMAIL).state == Delivery.State.SENT


def test_the_worker_leaves_a_failed_delivery_to_the_tick(people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TAIZHANG_EMAIL_ENABLED = True
    notify(intent=intent(people.liaison, "worker:2"))
    Delivery.objects.filter(channel=Delivery.Channel.EMAIL).update(state=Delivery.State.FAILED, attempts=1)
    _poll()
    assert mail.outbox == []
    assert Delivery.objects.get(channel=Delivery.Channel.EMAIL).attempts == 1
