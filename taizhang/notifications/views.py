"""The inbox (消息): every role-holder's own messages, newest first; marking them read. The unread count in
the page header is a small fragment htmx loads after the page, so no page pays a query for it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.notifications import services
from taizhang.notifications.selectors import notification_get, notification_list, unread_count

PAGE_SIZE = 50


@role_required(*ANY_ROLE)
@require_GET
def notification_inbox(request: HttpRequest) -> HttpResponse:
    notifications = notification_list(user=request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "unread_only": unread_only, "unread": unread_count(user=request.user)},
    )


@role_required(*ANY_ROLE)
@require_GET
@never_cache
def notification_badge(request: HttpRequest) -> HttpResponse:
    """The header's link to the inbox with the unread count (an htmx fragment)."""
    return render(request, "notifications/_badge_count.html", {"unread": unread_count(user=request.user)})


@require_POST
@role_required(*ANY_ROLE)
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark one of the user's own messages read (404 for anyone else's), then go on to its page when the
    button asked to open it, else back to the inbox."""
    notification = notification_get(user=request.user, pk=notification_id)
    services.notification_mark_read(actor=request.user, notification=notification)
    target = notification.link if request.POST.get("open") and notification.link else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notification_inbox")


@require_POST
@role_required(*ANY_ROLE)
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(actor=request.user)
    return redirect("notification_inbox")
