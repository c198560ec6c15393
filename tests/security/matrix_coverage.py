"""落实情况 (an upper plan's coverage, its .xlsx) and 地区汇总 (the roll-up) in the permission matrix: the
office side — office, leaders, inspectors — of the plan's region, 404 for another region's plan; units and the
administrators (三员) 403. GET only: both read and write nothing (POST 405 once the role is allowed)."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "plan_coverage": {
        "GET":  "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
    },
    "plan_coverage_export": {
        "GET":  "+++4 +++4 +++4 3333 3333 3333 3333 444+ 3333 3333 3333",
        "POST": "5555 5555 5555 3333 3333 3333 3333 5555 3333 3333 3333",
    },
    # ?region= and ?year= in the query: a region outside the user's grants is 404 (tests/coverage)
    "rollup": {
        "GET":  "+    +    +    3    3    3    3    +    3    3    3",
        "POST": "5    5    5    3    3    3    3    5    3    3    3",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}
