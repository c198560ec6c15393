"""催办 (chasing a line by hand) in the permission matrix: a POST of the office whose region covers the
line's unit (another region's line → 404); everyone else, leaders and units included, 403 by role."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "line_chase": {
        "GET":  "5555 3333 3333 3333 3333 3333 3333 5555 3333 3333 3333",
        "POST": "+++4 3333 3333 3333 3333 3333 3333 444+ 3333 3333 3333",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {"line_chase": {"note": "matrix"}}
