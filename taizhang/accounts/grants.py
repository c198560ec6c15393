"""The seal (HMAC-SM3, ``lib.integrity``) on a role grant: who holds which role over what. A grant written
or changed with raw SQL (say, an inspector made office administrator of the root region) no longer matches
its seal; the scope reader (``accounts.scope``) then ignores it and raises the alarm ``role_grant.tampered``.
``role_grant`` seals what it writes; ``taizhang keys rotate`` re-seals under a new key."""

from __future__ import annotations

from taizhang.lib.integrity import is_genuine, seal

KIND = "accounts.rolegrant"


def grant_content(user_id: int, role: str, unit_id: int | None, region_id: int | None) -> list:
    return [user_id, str(role), unit_id, region_id]


def grant_seal(user_id: int, role: str, unit_id: int | None, region_id: int | None) -> str:
    return seal(KIND, grant_content(user_id, role, unit_id, region_id))


def grant_is_genuine(
    user_id: int, role: str, unit_id: int | None, region_id: int | None, stored: str
) -> bool:
    return is_genuine(KIND, grant_content(user_id, role, unit_id, region_id), stored)


def grant_alarm(grant_id: int) -> None:
    """Raise the alarm about the grant ``grant_id`` (once per request that meets it)."""
    from taizhang.accounts.models import RoleGrant
    from taizhang.audit.alarms import raise_alarm

    grant = RoleGrant.objects.filter(pk=grant_id).first()
    if grant is None:
        return
    raise_alarm(
        action="role_grant.tampered",
        obj=grant,
        detail={
            "user_id": grant.user_id,
            "role": grant.role,
            "unit_id": grant.unit_id,
            "region_id": grant.region_id,
        },
        place_as=grant.user,
    )


def grants_reseal(grants) -> int:
    """Seal ``grants`` (a queryset) afresh under the current key: for a service that moves grants as a
    whole (a unit merge) and for key rotation. The caller has checked what it moves; returns the count."""
    from taizhang.accounts.models import RoleGrant

    rows = list(grants.only("pk", "user_id", "role", "unit_id", "region_id"))
    for grant in rows:
        grant.seal = grant_seal(grant.user_id, grant.role, grant.unit_id, grant.region_id)
    RoleGrant.objects.bulk_update(rows, ["seal"], batch_size=500)
    return len(rows)
