"""The tick verifies the audit chain: its result is itself an audit entry; a good chain is signed; a
broken one alarms the security and audit administrators and fails the tick."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditAnchor, AuditEvent
from taizhang.notifications.models import Notification
from tests.audit.conftest import dba, keys, raw_sql, write_entries  # noqa: F401
from tests.factories import make_region, make_user


def test_an_intact_chain_is_recorded_as_verified_and_signed(db, no_channels, keys):  # noqa: F811
    write_entries(3)
    call_command("tick", stdout=StringIO(), stderr=StringIO())
    entry = AuditEvent.objects.get(action="audit.verify")
    assert entry.result == AuditEvent.Result.SUCCESS
    assert entry.after["entries"] == 3 and entry.after["broken_id"] is None
    anchor = AuditAnchor.objects.get()
    assert anchor.event_id == entry.pk  # the verification's own entry is signed with the rest


def test_a_broken_chain_fails_the_tick_is_recorded_and_alarms_the_admins(db, no_channels, dba):  # noqa: F811
    region = make_region()
    security = make_user(role=Role.SECURITY_ADMIN, region=region)
    auditor = make_user(role=Role.AUDIT_ADMIN, region=region)
    office = make_user(role=Role.OFFICE_ADMIN, region=region)
    ids = write_entries(3)
    raw_sql("UPDATE audit_auditevent SET action = 'test.harmless' WHERE id = %s", [ids[1]])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("tick", stdout=StringIO(), stderr=err)
    assert f"第 {ids[1]} 条与前一条" in err.getvalue()  # the command's language: Chinese
    entry = AuditEvent.objects.get(action="audit.verify")
    assert entry.result == AuditEvent.Result.FAILURE and entry.after["broken_id"] == ids[1]
    told = Notification.objects.filter(subject__startswith="审计日志校验失败")
    assert sorted(told.values_list("recipient", flat=True)) == [security.pk, auditor.pk]
    assert office.pk not in told.values_list("recipient", flat=True)
    assert not AuditAnchor.objects.exists()  # a broken chain is never signed
