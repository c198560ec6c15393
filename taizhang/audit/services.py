"""Writing the audit trail. Every service calls ``audit_record`` inside its own transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from taizhang.audit.chain import anchor_message
from taizhang.audit.context import current_ip, current_source
from taizhang.audit.models import AuditAnchor, AuditChainHead, AuditEvent, AuditObject, append_values
from taizhang.audit.placement import place_of
from taizhang.lib.bulk import insert_rows
from taizhang.lib.fields import encrypted_fields
from taizhang.lib.gm import hmac_sm3
from taizhang.lib.keys import keyring


def snapshot(obj: models.Model, *, fields: list[str] | None = None) -> dict[str, Any]:
    """The stored values of ``obj`` (all concrete fields, or the named ones) as JSON-ready data."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields and field.attname not in fields:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, FieldFile):
            value = value.name or ""
        data[field.attname] = value
    return data


REDACTED = "〔已加密，不记入日志 / encrypted, not logged〕"


def redacted(model: type[models.Model], data: dict[str, Any] | None) -> dict[str, Any] | None:
    """``data`` without the text of ``model``'s encrypted fields (``lib.fields``): the log says that such a
    field was set, never what it says, so the audit trail does not undo the encryption at rest."""
    if not data:
        return data
    hidden = _hidden(model)
    if not hidden:
        return dict(data)  # a copy, as below: the caller may reuse its dict
    return {k: (REDACTED if k in hidden and v not in (None, "") else v) for k, v in data.items()}


@cache
def _hidden(model: type[models.Model]) -> frozenset[str]:
    """The names of ``model``'s encrypted fields (a model's fields do not change while it runs)."""
    return frozenset(name for _, f in encrypted_fields([model]) for name in (f.name, f.attname))


def audit_record(
    *,
    actor: models.Model | None,
    action: str,
    obj: models.Model | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    source: str | None = None,
    ip: str | None = None,
    result: str = AuditEvent.Result.SUCCESS,
    place_as: models.Model | None = None,
) -> AuditEvent:
    """Append one audit event. Refuses to run outside a transaction, so the event and the change it
    describes are committed together or not at all.

    ``source`` and ``ip`` default to the request's (``audit.context``). The entry is placed at the unit and
    region of ``place_as`` (default: the actor; a failed sign-in passes the account it tried). Saving links
    it into the SM3 chain (``AuditEvent.save``: one read and one update of the chain head)."""
    _require_transaction()
    entry = audit_entry(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        source=source,
        ip=ip,
        result=result,
        place_as=place_as,
    )
    pending = _pending()
    if pending is not None:
        pending.append(entry)
    else:
        entry.save()
    return entry


def audit_entry(
    *,
    actor: models.Model | None,
    action: str,
    obj: models.Model | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    source: str | None = None,
    ip: str | None = None,
    result: str = AuditEvent.Result.SUCCESS,
    place_as: models.Model | None = None,
    place: tuple[int | None, int | None] | None = None,
) -> AuditEvent:
    """The entry ``audit_record`` would append, unsaved, for ``audit_record_many``. ``place`` (unit id,
    region id) spares the placer's query when the caller already knows it."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # AnonymousUser
    # The actor's place; for work without one (a command, the tick) the place of what it changed.
    if place is None:
        place = place_of(place_as if place_as is not None else actor if actor is not None else obj)
    # The model from _meta: type(obj) would be SimpleLazyObject for request.user.
    entry = AuditEvent(
        **audit_values(
            model=obj._meta.model if obj is not None else None,
            action=action,
            at=timezone.now(),
            place=place,
            object_id=obj.pk if obj is not None else "",
            object_repr=str(obj) if obj is not None else "",
            before=before,
            after=after,
            result=result,
            source=source,
            ip=ip,
        )
    )
    if actor is not None:
        entry.actor = actor
    return entry


def audit_record_many(entries: list[AuditEvent]) -> list[AuditEvent]:
    """Append ``entries`` (from ``audit_entry``) in one insert per batch, linked into the chain in order
    under one lock of its head. Inside the caller's transaction, as ``audit_record``."""
    _require_transaction()
    pending = _pending()
    if pending is not None:
        pending.extend(entries)
        return entries
    return AuditEvent.objects.bulk_create(entries) if entries else []


def audit_values(
    *,
    model: type[models.Model] | None,
    action: str,
    at: datetime,
    place: tuple[int | None, int | None],
    object_id: object = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor_id: int | None = None,
    result: str = AuditEvent.Result.SUCCESS,
    source: str | None = None,
    ip: str | None = None,
) -> dict[str, Any]:
    """An entry as plain values (the chain's ``FIELDS``): what ``audit_entry`` builds its instance from, and
    what ``audit_record_values`` appends — a job writing tens of thousands of entries builds these before
    its transaction, at a fraction of a model instance's cost. ``model`` is the changed object's (None: no
    object); ``object_id`` may be filled in later (a row just inserted); ``place`` is (unit id, region
    id); source and IP default to the context's (``audit.context``); encrypted fields redacted."""
    if model is not None:
        before, after = redacted(model, before), redacted(model, after)
    return {
        "at": at,
        "actor_id": actor_id,
        "action": action,
        "object_type": model._meta.label_lower if model is not None else "",
        "object_id": str(object_id),
        "object_repr": object_repr[:200],
        "before": before,
        "after": after,
        "source": (source if source is not None else current_source())[:100],
        "ip": ip if ip is not None else current_ip(),
        "result": result,
        "unit_ref": place[0],
        "region_ref": place[1],
    }


def audit_record_values(entries: list[dict[str, Any]]) -> list[int]:
    """Append entries built by ``audit_values``, in order, linked into the chain under one lock of its head
    (``AuditEvent``'s ``append_values``); their ids. Inside the caller's transaction, as ``audit_record``.

    An entry about many objects of its ``object_type`` at once (``object_id`` empty, the objects named in
    its ``after``) lists their ids under ``COVERS``: they are indexed (``AuditObject``) so that
    ``AuditEvent.objects.about`` finds the entry by any of them."""
    _require_transaction()
    pending = _pending()
    if pending is not None:
        pending.extend(entries)
        return []
    return [pk for pk, _ in _append(entries, using=transaction.get_connection().alias)]


def _append(entries: list[dict[str, Any]], *, using: str) -> list[tuple[int, str]]:
    """``append_values``, then the index of the objects each entry ``COVERS``."""
    linked = append_values(entries, using=using)
    ids = [pk for pk, _ in linked]
    covered = [
        (values["object_type"], str(object_id), pk)
        for values, pk in zip(entries, ids, strict=True)
        for object_id in values.get(COVERS, ())
    ]
    if covered:
        insert_rows(AuditObject, ("object_type", "object_id", "event_id"), covered, using=using)
    return linked


COVERS = "covers"  # an entry's key (not a column) naming the ids of the many objects it records a change to


@contextmanager
def audit_deferred() -> Iterator[None]:
    """Inside the caller's transaction: the entries of the audited services called within are collected,
    then linked into the chain and inserted in one append when the block ends, still inside the
    transaction. The chain head — the one row every audited write locks — is taken last, so a long
    all-or-nothing write (人员导入) holds it for the entries' insert only, not for all its work, and other
    users' saves wait that long at most (on PostgreSQL the work's deferred foreign-key checks are made
    before, not at the commit). The entries are the same and in the same order; an entry's id
    (``audit_record``'s, ``audit_record_many``'s objects) is set when the block ends, ``audit_record_values``
    returns no ids inside it. For all-or-nothing work only: an entry collected inside a savepoint that is
    rolled back while the block goes on would still be appended. Nested, the outermost block appends."""
    _require_transaction()
    connection = transaction.get_connection()
    if getattr(connection, "taizhang_audit_pending", None) is not None:
        yield
        return
    pending: list[AuditEvent | dict[str, Any]] = []
    connection.taizhang_audit_pending = pending
    try:
        yield
    finally:
        connection.taizhang_audit_pending = None
    if not pending:
        return
    if connection.vendor == "postgresql":
        # Django's foreign keys are checked at commit (DEFERRABLE INITIALLY DEFERRED): check the work's now,
        # before the head is taken, or its thousands of checks would run while every audited save waits.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    values = []
    for entry in pending:
        if isinstance(entry, AuditEvent):
            if entry.at is None:
                entry.at = timezone.now()
            values.append(entry.chain_values())
        else:
            values.append(entry)
    linked = _append(values, using=connection.alias)
    for entry, (pk, hash_) in zip(pending, linked, strict=True):
        if isinstance(entry, AuditEvent):
            entry.pk, entry.hash = pk, hash_
            entry._state.adding, entry._state.db = False, connection.alias


def _pending() -> list | None:
    """The entries an ``audit_deferred`` block is collecting on this connection, or None."""
    return getattr(transaction.get_connection(), "taizhang_audit_pending", None)


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the caller's transaction.atomic() block")


def audit_anchor(*, kind: str = AuditAnchor.Kind.TICK) -> AuditAnchor | None:
    """Sign the chain's last entry (id and hash) with HMAC-SM3 under the keyring's current key
    (``lib.keys``); None when the log is empty. ``ImproperlyConfigured`` without a keyring."""
    key = keyring().current
    with transaction.atomic():
        head = AuditChainHead.locked(transaction.get_connection().alias)
        if head.last_id is None:
            return None
        return AuditAnchor.objects.create(
            kind=kind,
            event_id=head.last_id,
            event_hash=head.last_hash,
            key_id=key.kid,
            mac=hmac_sm3(key.mac_key, anchor_message(head.last_id, head.last_hash, kind)),
        )
