"""An integrity alarm (``audit.alarms``) told to the security administrators (安全管理员) whose regions cover
the place of the entry, or every security administrator when it has no place. Once per thing and person
(the notification's dedup key): a file downloaded ten times after it was altered is one message.

A broken audit chain (``audit.verify``) is about the log itself: it is told to the audit administrators
(审计管理员) as well, once a day per break while it lasts."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.accounts.grants import grant_is_genuine
from taizhang.accounts.models import Role, RoleGrant
from taizhang.audit.models import AuditEvent
from taizhang.audit.verify import CHAIN_VERIFY
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify
from taizhang.units.selectors import region_subtree_ids


def security_admins_for(region_id: int | None, roles: tuple[str, ...] = (Role.SECURITY_ADMIN,)) -> list:
    grants = (
        RoleGrant.objects.filter(role__in=roles, user__is_active=True).select_related("user").order_by("pk")
    )
    people = {}
    for grant in grants:
        if not grant_is_genuine(grant.user_id, grant.role, grant.unit_id, grant.region_id, grant.seal):
            continue
        if region_id is None or region_id in region_subtree_ids({grant.region_id}):
            people[grant.user_id] = grant.user
    return list(people.values())


def alarm_notify(event: AuditEvent) -> None:
    if event.action == CHAIN_VERIFY:
        _chain_alarm_notify(event)
        return
    subject = _("安全告警：%(what)s") % {"what": event.object_repr or event.object_type}
    body = _("完整性校验未通过（%(action)s），对象 %(type)s #%(id)s。请核查存储和数据库是否被改动。") % {
        "action": event.action,
        "type": event.object_type,
        "id": event.object_id,
    }
    for person in security_admins_for(event.region_ref):
        notify(
            intent=ReminderIntent(
                recipient=person,
                kind=Notification.Kind.ESCALATION,
                subject=subject,
                body=body,
                link="",
                about=None,
                dedup_key=f"alarm:{event.action}:{event.object_type}:{event.object_id}:{person.pk}",
            )
        )


def _chain_alarm_notify(event: AuditEvent) -> None:
    occasion = f"{timezone.localdate(event.at)}:{event.after['broken_id']}:{event.after['anchor_id']}"
    for person in security_admins_for(None, (Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)):
        notify(
            intent=ReminderIntent(
                recipient=person,
                kind=Notification.Kind.ESCALATION,
                subject=_("审计日志校验失败：日志可能被篡改"),
                body=event.after["problem"],
                link="/audit/",
                about=None,
                dedup_key=f"audit-verify:{occasion}:{person.pk}",
            )
        )
