"""密钥轮换 (``taizhang keys rotate``): bring everything the keyring protects under its current key — every
encrypted column (``lib.fields``) re-encrypted, every HMAC-SM3 seal (role grants, published snapshots,
accountability decisions, the audit log's signed anchors) made afresh — and retire an old key once nothing
uses it. Recovery codes (kept as HMACs only) cannot be re-keyed: the unused ones keep their key in use until
their owners make new ones.

Work goes in batches, each one transaction with its audit entry (``keys.rotate``), so an interrupted run
leaves every value readable (each names its key) and a rerun finishes the rest. Only what is genuine under
its old key is re-sealed: a value or seal that fails stays as it is (re-sealing would launder a tampered
record) and keeps its old key in use, so ``--retire`` refuses until someone has looked
(``taizhang integrity verify`` lists it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Exists, OuterRef

from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.seal import decision_is_genuine, decision_seal
from taizhang.accounts.grants import grant_is_genuine, grant_seal
from taizhang.accounts.models import RecoveryCode, RoleGrant
from taizhang.assessment.models import Snapshot
from taizhang.assessment.snapshot import snapshot_is_genuine, snapshot_seal
from taizhang.audit.chain import anchor_message
from taizhang.audit.models import AuditAnchor
from taizhang.audit.services import audit_record
from taizhang.lib.fields import (
    PREFIX,
    EncryptedValueError,
    column_count,
    column_rows,
    column_write,
    decrypt,
    encrypt,
    encrypted_fields,
)
from taizhang.lib.gm import hmac_sm3, hmac_sm3_verify
from taizhang.lib.keys import keyring

BATCH = 500


@dataclass
class Tally:
    """What one kind of thing came to: re-sealed under the current key, or left (it does not verify)."""

    done: int = 0
    failed: list[str] = field(default_factory=list)


@dataclass
class Rotation:
    kid: str
    tallies: dict[str, Tally] = field(default_factory=dict)

    def tally(self, what: str) -> Tally:
        return self.tallies.setdefault(what, Tally())


def _batch_audit(kind: str, kid: str, written: int, failed: int) -> None:
    audit_record(
        actor=None,
        action="keys.rotate",
        obj=None,
        after={"what": kind, "key_id": kid, "rewritten": written, "left_failing": failed},
    )


def _columns(rotation: Rotation, *, batch: int) -> None:
    kid = rotation.kid
    for model, f in encrypted_fields():
        what = f"{model._meta.db_table}.{f.column}"
        tally, after = rotation.tally(what), None
        place = {"table": model._meta.db_table, "column": f.column}
        while rows := column_rows(
            connection, model, f, after=after, batch=batch, skip_prefix=f"{PREFIX}:{kid}:"
        ):
            changes, failed = [], []
            for pk, row_key, old in rows:
                try:
                    text = decrypt(old, **place, row_key=row_key, pk=pk)
                except EncryptedValueError:
                    failed.append(f"{what} row {pk}")
                    continue
                changes.append((pk, old, encrypt(text, **place, row_key=row_key)))
            with transaction.atomic():
                written = column_write(connection, model, f, changes)
                _batch_audit(what, kid, written, len(failed))
            tally.done += written
            tally.failed += failed
            after = rows[-1][0]


def _reseal(
    rotation: Rotation,
    what: str,
    rows: Callable[[int | None], list],
    genuine: Callable[[object], bool],
    write: Callable[[object], None],
    label: Callable[[object], str],
) -> None:
    """Seals in pk batches (``rows(after)`` gives the next batch of those not under the current key)."""
    tally, after = rotation.tally(what), None
    while batch := rows(after):
        failed = [label(obj) for obj in batch if not genuine(obj)]
        good = [obj for obj in batch if label(obj) not in failed]
        with transaction.atomic():
            for obj in good:
                write(obj)
            _batch_audit(what, rotation.kid, len(good), len(failed))
        tally.done += len(good)
        tally.failed += failed
        after = batch[-1].pk


def _not_current(queryset, seal_field: str, kid: str, batch: int) -> Callable[[int | None], list]:
    def rows(after):
        qs = queryset.exclude(**{seal_field: ""}).exclude(**{f"{seal_field}__startswith": f"{kid}:"})
        return list((qs.filter(pk__gt=after) if after is not None else qs).order_by("pk")[:batch])

    return rows


def _anchor_genuine(anchor: AuditAnchor) -> bool:
    key = keyring().keys.get(anchor.key_id)
    message = anchor_message(anchor.event_id, anchor.event_hash, anchor.kind)
    return key is not None and hmac_sm3_verify(key.mac_key, message, anchor.mac)


def _anchor_twin(anchor: AuditAnchor) -> None:
    """Anchors are append-only: the re-signed one is a new anchor over the same entry (its twin)."""
    key = keyring().current
    if AuditAnchor.objects.filter(
        kind=anchor.kind, event_id=anchor.event_id, event_hash=anchor.event_hash, key_id=key.kid
    ).exists():
        return
    AuditAnchor.objects.create(
        kind=anchor.kind,
        event_id=anchor.event_id,
        event_hash=anchor.event_hash,
        at=anchor.at,
        key_id=key.kid,
        mac=hmac_sm3(key.mac_key, anchor_message(anchor.event_id, anchor.event_hash, anchor.kind)),
    )


def _untwinned(kid: str):
    """The anchors under other keys than ``kid`` without a twin under ``kid``."""
    twin = AuditAnchor.objects.filter(
        kind=OuterRef("kind"), event_id=OuterRef("event_id"), event_hash=OuterRef("event_hash"), key_id=kid
    )
    return AuditAnchor.objects.exclude(key_id=kid).exclude(Exists(twin))


def _only_under(kid: str):
    """The anchors under ``kid`` with no twin under another key: retiring ``kid`` would lose them."""
    twin = AuditAnchor.objects.filter(
        kind=OuterRef("kind"), event_id=OuterRef("event_id"), event_hash=OuterRef("event_hash")
    ).exclude(key_id=kid)
    return AuditAnchor.objects.filter(key_id=kid).exclude(Exists(twin))


def _seals(rotation: Rotation, *, batch: int) -> None:
    kid = rotation.kid
    _reseal(
        rotation,
        "role grants",
        _not_current(RoleGrant.objects.all(), "seal", kid, batch),
        lambda g: grant_is_genuine(g.user_id, g.role, g.unit_id, g.region_id, g.seal),
        lambda g: RoleGrant.objects.filter(pk=g.pk, seal=g.seal).update(
            seal=grant_seal(g.user_id, g.role, g.unit_id, g.region_id)
        ),
        lambda g: f"role grant {g.pk}",
    )
    _reseal(
        rotation,
        "snapshots",
        _not_current(Snapshot.objects.all(), "seal", kid, batch),
        snapshot_is_genuine,
        lambda s: Snapshot.objects.filter(pk=s.pk, seal=s.seal).update(
            seal=snapshot_seal(s.assessment_id, s.data)
        ),
        lambda s: f"snapshot {s.pk}",
    )
    _reseal(
        rotation,
        "decisions",
        _not_current(AccountabilityCase.objects.all(), "decision_seal", kid, batch),
        decision_is_genuine,
        lambda c: AccountabilityCase.objects.filter(pk=c.pk, decision_seal=c.decision_seal).update(
            decision_seal=decision_seal(c)
        ),
        lambda c: f"accountability case {c.pk} decision",
    )

    def anchors(after):
        qs = AuditAnchor.objects.exclude(key_id=kid).order_by("pk")
        return list((qs.filter(pk__gt=after) if after is not None else qs)[:batch])

    _reseal(
        rotation, "audit anchors", anchors, _anchor_genuine, _anchor_twin, lambda a: f"audit anchor {a.pk}"
    )


def keys_reseal(*, batch: int = BATCH) -> Rotation:
    """Everything under the keyring's current key; idempotent (what is under it already is not read)."""
    rotation = Rotation(kid=keyring().current.kid)
    _columns(rotation, batch=batch)
    _seals(rotation, batch=batch)
    return rotation


def key_uses(kid: str) -> Iterator[tuple[str, int]]:
    """(what, how many) of everything still sealed with the key ``kid``, the non-zero ones."""
    for model, f in encrypted_fields():
        if n := column_count(connection, model, f, prefix=f"{PREFIX}:{kid}:"):
            yield f"{model._meta.db_table}.{f.column}", n
    for what, count in (
        ("role grants", RoleGrant.objects.filter(seal__startswith=f"{kid}:").count()),
        ("snapshots", Snapshot.objects.filter(seal__startswith=f"{kid}:").count()),
        ("decisions", AccountabilityCase.objects.filter(decision_seal__startswith=f"{kid}:").count()),
        ("audit anchors", _only_under(kid).count()),
        # A recovery code is stored only as its HMAC, so it cannot be re-keyed: its owner makes new codes
        # (/account/second-factor/) or the security administrator resets the factor, then the key can go.
        (
            "unused recovery codes (their owners must make new ones)",
            RecoveryCode.objects.filter(used_at__isnull=True, digest__startswith=f"{kid}:").count(),
        ),
    ):
        if count:
            yield what, count
