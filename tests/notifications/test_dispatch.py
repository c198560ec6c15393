"""dispatch_pending: each waiting delivery tried once a run, every try logged, failures kept for the next
run until TAIZHANG_DELIVERY_MAX_ATTEMPTS, and nothing raised out of the loop."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from taizhang.notifications.channels import webhook_request
from taizhang.notifications.dispatch import dispatch_pending
from taizhang.notifications.models import Delivery, DeliveryAttempt
from taizhang.notifications.services import notify
from tests.notifications.conftest import SECRET
from tests.notifications.helpers import intent

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 3, 5, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_an_email_goes_to_the_smtp_server_once(people, smtp, settings):
    settings.TAIZHANG_WEBHOOK_URL = ""
    notify(intent=intent(people.liaison, "k1", subject="督办单即将到期", link="/supervision/orders/3/"))
    assert (dispatch_pending(now=NOW).sent, dispatch_pending(now=NOW).sent) == (1, 0)
    (message,) = smtp.messages
    assert message["To"] == "liaison@example.test" and message["Subject"] == "【台账】督办单即将到期"
    assert "/supervision/orders/3/" in message.get_content()
    delivery = Delivery.objects.get(channel="email")
    assert (delivery.state, delivery.attempts, delivery.sent_at) == ("sent", 1, NOW)


def test_a_dingtalk_post_is_signed_with_the_secret(people, robot, settings):
    settings.TAIZHANG_EMAIL_ENABLED = False
    notify(intent=intent(people.office, "k1", webhook=True, subject="逾期升级"))
    assert dispatch_pending(now=NOW).sent == 1
    (post,) = robot.posts
    assert post.query["access_token"] == "tok123"
    timestamp = post.query["timestamp"]
    assert timestamp == str(int(NOW.timestamp() * 1000))
    expected = base64.b64encode(
        hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    ).decode()
    assert post.query["sign"] == expected
    assert post.body["msgtype"] == "text" and post.body["text"]["content"].startswith("逾期升级\n")


def test_a_wecom_post_carries_no_signature_and_is_cut_to_2048_bytes(settings):
    settings.TAIZHANG_WEBHOOK_URL = "http://127.0.0.1:1/cgi-bin/webhook/send?key=KEY"
    settings.TAIZHANG_WEBHOOK_KIND, settings.TAIZHANG_WEBHOOK_SECRET = "wecom", SECRET
    url, body = webhook_request("催办" * 2000, now=NOW)
    assert url == "http://127.0.0.1:1/cgi-bin/webhook/send?key=KEY"
    import json

    payload = json.loads(body)
    assert payload["msgtype"] == "text" and len(payload["text"]["content"].encode()) <= 2048


def test_a_failing_webhook_is_logged_failed_then_sent_on_the_next_run(people, robot, settings):
    settings.TAIZHANG_EMAIL_ENABLED = False
    robot.statuses = [500]
    notify(intent=intent(people.office, "k1", webhook=True))
    first = dispatch_pending(now=NOW)
    delivery = Delivery.objects.get(channel="webhook")
    assert (first.sent, first.failed) == (0, 1)
    assert delivery.state == "failed" and delivery.last_error.startswith("HTTP 500")
    second = dispatch_pending(now=NOW)
    delivery.refresh_from_db()
    assert (second.sent, second.failed) == (1, 0) and delivery.state == "sent" and delivery.attempts == 2
    assert list(DeliveryAttempt.objects.order_by("id").values_list("ok", flat=True)) == [False, True]
    assert len(robot.posts) == 1


def test_a_delivery_stops_after_the_maximum_attempts(people, settings):
    settings.TAIZHANG_EMAIL_ENABLED = False
    settings.TAIZHANG_WEBHOOK_URL = f"http://127.0.0.1:{_closed_port()}/robot"
    settings.TAIZHANG_DELIVERY_MAX_ATTEMPTS = 2
    notify(intent=intent(people.office, "k1", webhook=True))
    results = [dispatch_pending(now=NOW) for _ in range(3)]
    assert [r.failed for r in results] == [1, 1, 0]
    delivery = Delivery.objects.get(channel="webhook")
    assert delivery.state == "failed" and delivery.attempts == 2 and delivery.last_error
    assert DeliveryAttempt.objects.filter(ok=False).count() == 2


def test_one_failure_does_not_stop_the_others(people, smtp, settings, monkeypatch):
    from taizhang.notifications import dispatch

    def explode(delivery, now):
        raise ValueError("boom")

    settings.TAIZHANG_WEBHOOK_URL = "http://127.0.0.1:9/robot"
    monkeypatch.setitem(dispatch.SENDERS, "webhook", explode)
    notify(intent=intent(people.office, "k1", webhook=True))
    result = dispatch_pending(now=NOW)
    assert (result.sent, result.failed) == (1, 1)  # the e-mail went out, the webhook failed
    assert Delivery.objects.get(channel="webhook").last_error == "boom"


def _closed_port() -> int:
    from tests.notifications.servers import free_port

    return free_port()  # nothing listens there: connection refused
