"""An integrity alarm (``audit.alarms``) told to the security administrators (安全管理员) whose regions cover
the place of the entry, or every security administrator when it has no place. Once per thing and person
(the notification's dedup key): a file downloaded ten times after it was altered is one message.

An alarm about the audit log itself (``Alarm.about_log``: a broken chain) is told to the audit administrators
(审计管理员) as well, once per occasion the alarm names."""

from __future__ import annotations

from django.utils.translation import gettext as _

from taizhang.accounts.grants import grant_is_genuine
from taizhang.accounts.models import Role, RoleGrant
from taizhang.audit.alarms import Alarm
from taizhang.audit.models import AuditEvent
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


def alarm_notify(event: AuditEvent, alarm: Alarm) -> None:
    roles = (Role.SECURITY_ADMIN, Role.AUDIT_ADMIN) if alarm.about_log else (Role.SECURITY_ADMIN,)
    subject = alarm.subject or _("安全告警：%(what)s") % {"what": event.object_repr or event.object_type}
    body = (event.after or {}).get("problem") or _(
        "完整性校验未通过（%(action)s），对象 %(type)s #%(id)s。请核查存储和数据库是否被改动。"
    ) % {"action": event.action, "type": event.object_type, "id": event.object_id}
    occasion = alarm.occasion or f"{event.object_type}:{event.object_id}"
    for person in security_admins_for(event.region_ref, roles):
        notify(
            intent=ReminderIntent(
                recipient=person,
                kind=Notification.Kind.ESCALATION,
                subject=subject,
                body=body,
                link=alarm.link,
                about=None,
                dedup_key=f"alarm:{event.action}:{occasion}:{person.pk}",
            )
        )
