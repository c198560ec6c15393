"""解除登录锁定 in the permission matrix: the security administrator's unlock button on an account's page,
over the accounts of ``matrix_people`` (a1, a2c, a2 in region A; b in region B, beyond them: 404). None of
them is locked, so the security administrator's POST is a refusal message back on the page (302)."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "user_unlock": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 3333 5555 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}
