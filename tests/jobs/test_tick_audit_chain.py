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


def _tick() -> None:
    call_command("tick", stdout=StringIO(), stderr=StringIO())


def _verifications() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="audit.verify").order_by("id"))


def _failed_tick() -> AuditEvent:
    """A tick that must fail on the chain; its verification entry."""
    with pytest.raises(CommandError):
        _tick()
    return _verifications()[-1]


def test_between_full_walks_the_tick_walks_only_what_came_after_the_newest_anchor(
    db,
    no_channels,
    keys,  # noqa: F811
):
    write_entries(5)
    _tick()
    write_entries(2)
    _tick()
    full, since = _verifications()
    assert full.after["scope"] == "full" and full.after["entries"] == 5
    # The anchored entry (the first tick's verification, its content checked) and the two written since.
    assert since.after["scope"] == "since_anchor" and since.after["entries"] == 3


def test_a_change_before_the_newest_anchor_is_found_by_the_next_full_walk(
    db,
    no_channels,
    keys,  # noqa: F811
    dba,  # noqa: F811
    settings,
):
    ids = write_entries(4)
    _tick()
    _tick()
    dba("UPDATE audit_auditevent SET action = 'test.harmless' WHERE id = %s", [ids[1]])
    _tick()  # walks from the newest anchor: the change is before it
    assert _verifications()[-1].after["scope"] == "since_anchor"
    settings.TAIZHANG_AUDIT_FULL_VERIFY_HOURS = 0
    last = _failed_tick()
    assert last.result == AuditEvent.Result.FAILURE and last.after["broken_id"] == ids[1]


def test_a_changed_entry_after_the_anchor_is_found_by_the_short_walk(
    db,
    no_channels,
    keys,  # noqa: F811
    dba,  # noqa: F811
):
    write_entries(2)
    _tick()
    ids = write_entries(3)
    dba("UPDATE audit_auditevent SET action = 'test.harmless' WHERE id = %s", [ids[1]])
    last = _failed_tick()
    assert last.after["scope"] == "since_anchor" and last.after["broken_id"] == ids[1]


def test_the_anchored_entry_itself_changed_is_found_by_the_short_walk(
    db,
    no_channels,
    keys,  # noqa: F811
    dba,  # noqa: F811
):
    write_entries(2)
    _tick()
    anchored = AuditAnchor.objects.get().event_id
    dba("UPDATE audit_auditevent SET ip = '10.9.9.9' WHERE id = %s", [anchored])
    last = _failed_tick()
    assert last.after["scope"] == "since_anchor" and last.after["broken_id"] == anchored


def test_the_anchored_entry_removed_is_found(
    db,
    no_channels,
    keys,  # noqa: F811
    dba,  # noqa: F811
):
    write_entries(2)
    _tick()
    anchored = AuditAnchor.objects.get().event_id
    after = write_entries(1)[0]
    dba("DELETE FROM audit_auditevent WHERE id = %s", [anchored])
    last = _failed_tick()
    # The anchored entry is the record of the last full walk, so its removal also makes a full walk due.
    assert last.result == AuditEvent.Result.FAILURE and last.after["broken_id"] == after


def test_a_forged_newest_anchor_is_found_by_the_short_walk(
    db,
    no_channels,
    keys,  # noqa: F811
    dba,  # noqa: F811
):
    write_entries(2)
    _tick()
    anchor = AuditAnchor.objects.get()
    dba("UPDATE audit_auditanchor SET mac = %s WHERE id = %s", ["0" * 64, anchor.pk])
    last = _failed_tick()
    assert last.after["scope"] == "since_anchor" and last.after["anchor_id"] == anchor.pk
