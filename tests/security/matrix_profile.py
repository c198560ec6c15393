"""个人设置 (one's own profile, password and API tokens) and 找回密码 in the permission matrix's world: every
person of the matrix holds one API token named with a marker, made through the service on 5 April 2021;
the object sets name four of them:

    a1   liaison_u1's token     a2c  head_u2's token     a2   liaison_u2's token     b    office_b's token

(The three administrators hold none: the service refuses them.) A token's name is seen by its owner alone,
on their own profile page; revoking any other person's token is 404. The e-mail reset routes are public
and, with e-mail not configured (as in the tests), 404 for everyone; the path of the link is filled with
``uidb64``/``token`` placeholders. Path parameters: ``api_token``, ``uidb64``, ``token``."""

from __future__ import annotations

from taizhang.accounts.models import User
from taizhang.accounts.services import api_token_create

OWNERS = {"a1": "liaison_u1", "a2c": "head_u2", "a2": "liaison_u2", "b": "office_b"}
BUSINESS = (
    "office_a",
    "leader_a",
    "inspector_a",
    "liaison_u1",
    "head_u1",
    "liaison_u2",
    "head_u2",
    "office_b",
)

# Each token's name, only on its owner's own profile page.
MARKERS: dict[str, set[str]] = {f"mk-tok-{person}-t": {person} for person in BUSINESS}

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # -- one's own settings: every signed-in account, the three administrators too (an empty form: 422)
    "profile": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "password_change": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    # a token is made by POST only (an administrator's is refused by the service: 422)
    "api_token_create": {
        "GET":  "5    5    5    5    5    5    5    5    5    5    5",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    # revoked by its owner only; anyone else's token is 404, as if it did not exist
    "api_token_revoke": {
        "GET":  "5555 5555 5555 5555 5555 5555 5555 5555 5555 5555 5555",
        "POST": "4444 4444 4444 +444 4444 44+4 4+44 444+ 4444 4444 4444",
    },
    # -- 找回密码 by e-mail: public routes, 404 for everyone while e-mail is not configured
    "password_reset": {
        "GET":  "4    4    4    4    4    4    4    4    4    4    4",
        "POST": "4    4    4    4    4    4    4    4    4    4    4",
    },
    "password_reset_confirm": {
        "GET":  "4444 4444 4444 4444 4444 4444 4444 4444 4444 4444 4444",
        "POST": "4444 4444 4444 4444 4444 4444 4444 4444 4444 4444 4444",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}


def add_profile(people: dict[str, User], objects: dict[str, dict]) -> None:
    """Give every business person a token; put the owner's token and the reset link's parts into each set."""
    tokens = {
        person: api_token_create(user=people[person], name=f"mk-tok-{person}-t", actor=None)[0]
        for person in BUSINESS
    }
    for name, owner in OWNERS.items():
        objects[name] = {
            **objects[name],
            "api_token": tokens[owner].pk,
            "uidb64": "MQ",
            "token": "set-password",
        }


def profile_objects() -> dict[str, int | str]:
    """A token of a person nobody else has to do with, for the deny-by-default walk."""
    from tests.factories import make_user

    return {"api_token": api_token_create(user=make_user(), name="walk", actor=None)[0].pk}
