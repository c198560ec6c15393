"""/readyz in the permission matrix: public like /healthz (monitoring asks without an account), GET only.
Whoever asks gets the same status words; nothing in them depends on the caller."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    "readyz": {
        "GET":  "+    +    +    +    +    +    +    +    +    +    +",
        "POST": "5    5    5    5    5    5    5    5    5    5    5",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}
