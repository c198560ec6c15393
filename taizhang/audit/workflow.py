"""Moving a record along its workflow: the versioned save, the kept step and the audit entry, together."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from taizhang.audit.services import audit_record
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.trail import Step


def step_move(
    record: models.Model,
    *,
    trail: type[Step],
    to_state: str,
    actor: Any,
    action: str,
    expected_version: int,
    reason: str = "",
    state_field: str = "state",
    **changes: Any,
) -> str:
    """Move ``record`` to ``to_state`` from the version the actor saw, keep the step in ``trail`` and write
    the audit entry, all in one transaction. ``changes`` are further fields set with the move. Returns the
    state it left. Callers check who may take the step and whether the state allows it first."""
    from_state = getattr(record, state_field)
    before = {state_field: from_state, **{name: getattr(record, name) for name in changes}}
    # The trail's foreign key to the record's model names the record, whatever the trail calls it.
    subject = next(f.name for f in trail._meta.fields if f.is_relation and f.related_model is type(record))
    with transaction.atomic():
        save_versioned(record, expected_version=expected_version, **{state_field: to_state}, **changes)
        trail.objects.create(
            **{subject: record}, from_state=from_state, to_state=to_state, actor=actor, reason=reason
        )
        after = {state_field: to_state, **changes, **({"reason": reason} if reason else {})}
        audit_record(actor=actor, action=action, obj=record, before=before, after=after)
    return from_state
