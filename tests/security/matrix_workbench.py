"""工作台 and its navigation counts in the permission matrix: every business role opens its own (what it
lists is scoped by the areas' selectors, and the matrix's markers check each answer); the administrators
(三员) have their 管理首页 instead, 403. GET only: both read and write nothing."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "workbench": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
    "workbench_badges": {
        "GET":  "+    +    +    +    +    +    +    +    3    3    3",
        "POST": "5    5    5    5    5    5    5    5    3    3    3",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}
