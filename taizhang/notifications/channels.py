"""Sending one message on one channel: e-mail through Django's mail (the deployment's SMTP server) and the
group robot (群机器人) of DingTalk or WeCom through a JSON POST. Each sender returns normally when the message
went out and raises ``SendError`` (or anything else) when it did not; ``dispatch`` logs either.

Nothing here calls out except to the configured SMTP server and ``TAIZHANG_WEBHOOK_URL``. The webhook ignores
proxy variables in the environment: on the intranet the robot's address is reached directly.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from taizhang.lib.i18n import said
from taizhang.notifications.models import Notification

# Seconds to wait for the robot's server; SMTP uses EMAIL_TIMEOUT.
WEBHOOK_TIMEOUT = 10
# WeCom takes at most 2048 bytes of text (UTF-8); DingTalk's limit is far above any reminder.
WECOM_MAX_BYTES = 2048


class SendError(Exception):
    """The channel answered that the message was not taken."""


def absolute_url(path: str) -> str:
    """``path`` on the site's address (``TAIZHANG_SITE_URL``), so it opens from an e-mail or a robot post."""
    return f"{settings.TAIZHANG_SITE_URL.rstrip('/')}{path}" if path.startswith("/") else path


def message_text(notification: Notification) -> str:
    """Subject, body and the page to open (an absolute address), as plain text."""
    parts = [notification.subject, notification.body.strip()]
    if notification.link:
        parts.append(absolute_url(notification.link))
    return "\n".join(part for part in parts if part)


def send_email(notification: Notification) -> None:
    recipient = notification.recipient
    if not recipient.email:
        raise SendError(said("收件人没有电子邮箱", "the recipient has no e-mail address"))
    connection = get_connection(fail_silently=False, timeout=settings.EMAIL_TIMEOUT)
    message = EmailMessage(
        subject=f"【台账】{notification.subject}",
        body=message_text(notification),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        connection=connection,
    )
    if message.send() != 1:
        raise SendError(said("邮件服务器未接收", "the mail server did not take the message"))


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's 加签: base64(HMAC-SHA256(secret, "{timestamp}\\n{secret}")), URL-encoded."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def webhook_request(text: str, *, now: datetime) -> tuple[str, bytes]:
    """URL and JSON body for the configured robot. DingTalk with a secret gets ``timestamp`` (ms) and
    ``sign`` added to its URL; WeCom's robot is identified by the ``key`` already in its URL."""
    url = settings.TAIZHANG_WEBHOOK_URL
    if settings.TAIZHANG_WEBHOOK_KIND == "wecom":
        text = text.encode()[:WECOM_MAX_BYTES].decode(errors="ignore")
    elif settings.TAIZHANG_WEBHOOK_SECRET:
        timestamp = int(now.timestamp() * 1000)
        sign = dingtalk_sign(settings.TAIZHANG_WEBHOOK_SECRET, timestamp)
        url = f"{url}{'&' if '?' in url else '?'}timestamp={timestamp}&sign={sign}"
    body = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    return url, body


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post_webhook(notification: Notification, *, now: datetime) -> None:
    url, body = webhook_request(message_text(notification), now=now)
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with _OPENER.open(request, timeout=WEBHOOK_TIMEOUT) as response:
            answer = response.read(65536)
    except urllib.error.HTTPError as exc:
        detail = exc.read(500).decode(errors="replace")
        raise SendError(f"HTTP {exc.code}: {detail}".strip()) from None
    # Both robots answer 200 with {"errcode": 0, "errmsg": "ok"}; a bad signature or key is a non-zero code.
    try:
        result = json.loads(answer or b"{}")
    except ValueError:
        return
    if isinstance(result, dict) and result.get("errcode", 0) != 0:
        raise SendError(f"errcode {result.get('errcode')}: {result.get('errmsg', '')}")
