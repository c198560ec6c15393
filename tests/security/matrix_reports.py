"""批量审核 (``review_batch``) in the permission matrix: the reviewers' route, as the review queue —
unit heads and the office; POST only. Each ticked report is then the single-report services' decision
(a unit head on what waits for the office is refused row by row: tests/web/reports/
test_review_queue_page.py); the body here ticks nothing, so a reviewer's answer is the 422 of an empty
batch."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "review_batch": {
        "GET":  "5    3    3    3    5    3    5    5    3    3    3",
        "POST": "+    3    3    3    +    3    +    +    3    3    3",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {"review_batch": {"action": "pass"}}
