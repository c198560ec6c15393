"""用户管理, 角色授权 and 管理首页 in the permission matrix: the administrators' pages over accounts.

Each object set names an account (``user``) and its one role grant (``rolegrant``):

    a1   U1's liaison (region A)      a2c  U2's head (region A)
    a2   U2's liaison (region A)      b    UB's liaison (region B: beyond region A's administrators, 404)

The system administrator (SA) lists, creates, edits, disables and enables accounts; the security
administrator (SE) lists them and grants, revokes and resets; the audit administrator (AU) only has the
admin home here. Every business role is refused every page (403), and an administrator's home is their
管理首页. Markers: ``mk-mob-a1-t`` (U1's liaison's mobile: the account pages and the person themselves),
``mk-user-b-t`` (UB's liaison's name: nothing of region A shows it)."""

from __future__ import annotations

from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.units.models import Unit

MARKERS: dict[str, set[str]] = {
    "mk-mob-a1-t": {"sysadmin_a", "secadmin_a", "liaison_u1"},
    "mk-user-b-t": {"office_b"},
}

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # 管理首页: the three administrators, each their own duty
    "admin_home": {
        "GET":  "3    3    3    3    3    3    3    3    +    +    +",
        "POST": "3    3    3    3    3    3    3    3    5    5    5",
    },
    # 用户管理: read by the system and security administrators; written by the system administrator (an
    # empty form: 422; enabling an active account: a refusal message, 302)
    "user_list": {
        "GET":  "3    3    3    3    3    3    3    3    +    +    3",
        "POST": "3    3    3    3    3    3    3    3    5    5    3",
    },
    "user_create": {
        "GET":  "3    3    3    3    3    3    3    3    +    3    3",
        "POST": "3    3    3    3    3    3    3    3    +    3    3",
    },
    "user_detail": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 +++4 +++4 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 5555 5555 3333",
    },
    "user_edit": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333 3333",
    },
    "user_disable": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 5555 3333 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333 3333",
    },
    "user_enable": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 5555 3333 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333 3333",
    },
    # 角色授权 and 重置密码: the security administrator (an empty grant form: 422)
    "user_grant": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 3333 5555 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333",
    },
    "user_grant_revoke": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 3333 5555 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333",
    },
    "user_password_reset": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 3333 5555 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}


def add_people(people: dict[str, User], objects: dict[str, dict], *, u1: Unit, u2: Unit, ub: Unit) -> None:
    """Put a ``user`` and its ``grant`` id into each object set; mark U1's liaison's mobile and UB's
    liaison's name."""
    # the world's first liaison of UB (the one who writes its report; other areas add more later)
    liaison_b = User.objects.filter(unit=ub, role_grants__role=Role.LIAISON).order_by("pk").first()
    accounts = {
        "a1": people["liaison_u1"],
        "a2c": people["head_u2"],
        "a2": people["liaison_u2"],
        "b": liaison_b,
    }
    marked = User.objects.get(pk=people["liaison_u1"].pk)
    marked.mobile = "mk-mob-a1-t"  # encrypted with its row: saved, not update()d
    marked.save(update_fields=["mobile"])
    User.objects.filter(pk=liaison_b.pk).update(display_name="mk-user-b-t")
    for name, user in accounts.items():
        objects[name]["user"] = user.pk
        objects[name]["rolegrant"] = RoleGrant.objects.filter(user=user).values_list("pk", flat=True)[0]
