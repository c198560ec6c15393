"""Building reminder intents for the notification tests."""

from __future__ import annotations


def intent(recipient, key, *, webhook=False, kind="reminder", subject="督办单即将到期", link="/inbox/"):
    from taizhang.notifications.intents import ReminderIntent

    return ReminderIntent(
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=f"{subject}，请按时回复。",
        link=link,
        about=None,
        dedup_key=key,
        webhook=webhook,
    )
