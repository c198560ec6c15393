"""The audit log (审计日志) in the permission matrix: the audit administrator (AU) of region A alone opens
the page and the export; every other person is refused (403), the administrators of the other duties too.
The pages take GET only (405 for AU's POST).

No markers of its own: the world's entries are placed where their actors work, so AU reads region A's
entries, with their before/after, and nothing of region B. What region A's people may read, AU may read on
these pages (``reads_as_region_a``): the audit administrator audits every change of the region."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "audit_log": {
        "GET":  "3    3    3    3    3    3    3    3    3    3    +",
        "POST": "3    3    3    3    3    3    3    3    3    3    5",
    },
    "audit_log_export": {
        "GET":  "3    3    3    3    3    3    3    3    3    3    +",
        "POST": "3    3    3    3    3    3    3    3    3    3    5",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}

MARKERS: dict[str, set[str]] = {}

AUDIT_ROUTES = frozenset(EXPECTED_ROWS)
_REGION_B = frozenset({"office_b"})


def reads_as_region_a(key: str, person: str, readers: set[str]) -> bool:
    """On the audit pages AU reads a marker that someone of region A may read."""
    return key in AUDIT_ROUTES and person == "auditadmin_a" and bool(readers - _REGION_B)
