"""第二因素 in the permission matrix: one's own enrolment page, disabling it and new recovery codes (every
signed-in account, on themselves only: no id in the path), the second sign-in step (public; a signed-in
person is sent on to the home page), and the security administrator's reset on an account's page, over
the accounts of ``matrix_people`` (b in region B: 404). Nobody in the world has a second factor, so an
empty POST is a form error (422) and the reset a refusal message back on the page (302)."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "login_second_factor": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "second_factor": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "second_factor_disable": {
        "GET":  "5    5    5    5    5    5    5    5    5    5    5",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "recovery_codes_regenerate": {
        "GET":  "5    5    5    5    5    5    5    5    5    5    5",
        "POST": "+    +    +    +    +    +    +    +    +    +    +",
    },
    "user_second_factor_reset": {
        "GET":  "3333 3333 3333 3333 3333 3333 3333 3333 3333 5555 3333",
        "POST": "3333 3333 3333 3333 3333 3333 3333 3333 3333 +++4 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}
