"""Writes of many accounts and grants at once (人员导入 of a whole 通讯录): the rules of ``user_create`` and
``role_grant`` kept, in a few statements instead of a dozen a person.

Two steps, so that a caller holding SQLite's one write lock holds it briefly: ``users_ready`` checks the
unsaved accounts without writing (call it before opening the transaction), then ``users_create_many`` and
``role_grants_many`` write them, each with its audit entries (``user.create``, ``role.grant``, as the single
services write them), inside the caller's transaction; ``users_update_many`` is ``user_update``'s part for
many (name, contact and unit, a ``user.update`` entry each)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower

from taizhang.accounts.grants import grant_seal
from taizhang.accounts.models import BUSINESS_ROLES, UNIT_ROLES, RoleGrant, User
from taizhang.accounts.scope import scope_changed
from taizhang.accounts.services import (
    USER_FIELDS,
    check_grant_reach,
    check_not_held,
    check_username,
    duties_apart,
    unit_roles_held,
    username_taken,
)
from taizhang.audit.placement import Place, place_of
from taizhang.audit.services import audit_entry, audit_record_many, snapshot
from taizhang.lib.bulk import bulk_insert
from taizhang.lib.fields import encrypted_fields, sealed_changes

_READY = "_taizhang_ready"


def users_ready(users: list[User]) -> None:
    """Check unsaved accounts as ``user_create`` would, without the database (an account without a password
    hash gets an unusable one): a name given and not too
    long, every field valid (the unit aside: it may be a unit still to be created), no name twice in any
    letter case. ``Refusal`` or ``ValidationError`` on the first fault. Seals their encrypted fields (the
    mobile) and marks them checked for ``users_create_many``."""
    seen: set[str] = set()
    encrypted = [field for _, field in encrypted_fields([User])]
    for user in users:
        user.username = (user.username or "").strip()
        if not user.username or len(user.username) > 150:
            check_username(user.username)  # its refusal for an empty or too long name, before any query
        if user.username.lower() in seen:
            raise username_taken(user.username)
        seen.add(user.username.lower())
        if not user.password:
            user.set_unusable_password()  # as ``user_create`` without a password: no sign-in until one is set
        user.full_clean(exclude=["unit"], validate_unique=False, validate_constraints=False)
        # Sealed now (SM4), so the insert only writes; the text is put back after it.
        plain = {field.attname: getattr(user, field.attname) for field in encrypted}
        for field in encrypted:
            setattr(user, field.attname, field.seal_for(user, plain[field.attname]))
        setattr(user, _READY, plain)


def users_create_many(*, users: list[User], actor: User | None) -> list[User]:
    """Insert ``users`` (unsaved, passwords already hashed by the caller) with a ``user.create`` entry each,
    after ``users_ready`` (run here for any not yet checked). A name taken meanwhile, in any letter case, is
    refused and nothing is written. Inside the caller's transaction, or its own."""
    unchecked = [u for u in users if getattr(u, _READY, None) is None]
    if unchecked:
        users_ready(unchecked)
    with transaction.atomic():
        names = [u.username.lower() for u in users]
        taken = (
            User.objects.annotate(lowered=Lower("username"))
            .filter(lowered__in=names)
            .values_list("username", flat=True)
            .first()
        )
        if taken is not None:
            raise username_taken(taken)
        bulk_insert(User, users)
        for user in users:  # the text as save() leaves it on the instance, not sealed text to open again
            for name, value in getattr(user, _READY).items():
                setattr(user, name, value)
        audit_record_many(
            [
                audit_entry(
                    actor=actor,
                    action="user.create",
                    obj=user,
                    after=snapshot(user, fields=USER_FIELDS),
                    place=account_place(actor, user),
                )
                for user in users
            ]
        )
    return users


CONTACT = ("display_name", "mobile", "email", "unit")


def users_update_many(
    *, changes: dict[int, dict], actor: User | None, notes: dict[int, dict] | None = None
) -> dict[int, User]:
    """Bring many accounts' name, contact and unit in line at once (``changes``: user id → field → value,
    fields of ``CONTACT``), with the rules of ``user_update``: each value checked, a liaison or unit head not
    moved to another unit while they hold those roles. The rows are re-read under a lock in one query, written
    with one update each, a ``user.update`` entry each with the values before and after (and ``notes`` of that
    user). Returns the accounts as written, by id. Inside the caller's transaction, or its own."""
    if not changes:
        return {}
    with transaction.atomic():
        users = {
            u.pk: u
            for u in User.objects.select_for_update(of=("self",))
            .select_related("unit")
            .filter(pk__in=changes)
        }
        befores = {pk: snapshot(user, fields=list(CONTACT)) for pk, user in users.items()}
        moving = [
            pk
            for pk, user in users.items()
            if "unit" in changes[pk] and _unit_id(changes[pk]) != user.unit_id
        ]
        held = RoleGrant.objects.filter(user__in=moving, role__in=UNIT_ROLES).select_related("user").first()
        if held is not None:
            raise unit_roles_held(held.user)
        for pk, user in users.items():
            for name, value in changes[pk].items():
                if name not in CONTACT:
                    raise ValueError(f"users_update_many changes {name!r}: only {CONTACT}")
                setattr(user, name, value)
            user.clean_fields(
                exclude=[f.name for f in User._meta.fields if f.name not in changes[pk]] + ["unit"]
            )
            # One statement a person, the mobile sealed with its row (bulk_update cannot seal).
            User.objects.filter(pk=pk).update(**sealed_changes(user, changes[pk]))
        notes = notes or {}
        audit_record_many(
            [
                audit_entry(
                    actor=actor,
                    action="user.update",
                    obj=user,
                    before=befores[pk],
                    after={**snapshot(user, fields=list(CONTACT)), **notes.get(pk, {})},
                    place=account_place(actor, user),
                )
                for pk, user in users.items()
            ]
        )
    return users


def _unit_id(change: dict) -> int | None:
    unit = change["unit"]
    return unit.pk if unit is not None else None


def role_grants_many(*, grants: list[RoleGrant], actor: User | None) -> list[RoleGrant]:
    """Give many business roles at once (unsaved ``RoleGrant``s of saved users), with the rules of
    ``role_grant``: a liaison or unit head on their own unit, every grant over one unit or one region, none
    held twice, none to an administrator (三员分立) — and no administrative duty at all: those are given one
    at a time. The people's grants are read once, locked. A ``role.grant`` entry each; inside the caller's
    transaction, or its own."""
    for grant in grants:
        if grant.role not in BUSINESS_ROLES:
            raise ValidationError({"role": "管理员职责须逐一授予（三员分立）。"})
        check_grant_reach(user=grant.user, role=grant.role, unit=grant.unit, region=grant.region)
    with transaction.atomic():
        held: dict[int, set[tuple]] = {}
        rows = RoleGrant.objects.select_for_update().filter(user__in={g.user.pk for g in grants})
        for user_id, role, unit_id, region_id in rows.values_list("user_id", "role", "unit_id", "region_id"):
            held.setdefault(user_id, set()).add((role, unit_id, region_id))
        for grant in grants:
            mine = held.setdefault(grant.user.pk, set())
            duties_apart(user=grant.user, role=grant.role, held=mine)
            check_not_held(user=grant.user, role=grant.role, unit=grant.unit, region=grant.region, held=mine)
            unit_id = grant.unit.pk if grant.unit else None
            region_id = grant.region.pk if grant.region else None
            mine.add((grant.role, unit_id, region_id))
            grant.user_id = grant.user.pk  # the user was saved after the grant was made
            grant.seal = grant_seal(grant.user_id, grant.role, unit_id, region_id)
        bulk_insert(RoleGrant, grants)
        audit_record_many(
            [
                audit_entry(
                    actor=actor,
                    action="role.grant",
                    obj=grant,
                    after=snapshot(grant),
                    place=account_place(actor, grant.user),
                )
                for grant in grants
            ]
        )
    scope_changed()
    return grants


def account_place(actor: User | None, user: User) -> Place:
    """Where an entry about ``user`` is placed (``audit.placement``): the actor's place, or without one
    the person's unit and its region, from the objects in hand (no query per person)."""
    if actor is not None:
        return place_of(actor)
    return (user.unit.pk, user.unit.region_id) if user.unit is not None else (None, None)
