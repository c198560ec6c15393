"""A user's own messages. Someone else's → 404: the inbox has no other reader."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from taizhang.accounts.models import User
from taizhang.notifications.models import Notification


def notification_list(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notification_get(*, user: User, pk: int) -> Notification:
    try:
        return notification_list(user=user).get(pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
