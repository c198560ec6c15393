"""The 人员导入 (onboarding) routes of the permission matrix: the system administrator's pages, nobody
else's (三员: the security and audit administrators do not onboard; no business role does). The pages
name no object, so the object sets do not matter; nothing of the world is needed, and the import page's
无人填报 list shows only units of the administrator's own region (tests/ledger/test_unstaffed_units.py)."""

from __future__ import annotations

#            OA   LA   IA   L1   H1   L2   H2   OB   SA   SE   AU
EXPECTED_ROWS: dict[str, dict[str, str]] = {
    # upload and preview (an empty POST is a form error, 422), confirm and discard by the same URL
    "onboarding_import": {
        "GET":  "3    3    3    3    3    3    3    3    +    3    3",
        "POST": "3    3    3    3    3    3    3    3    +    3    3",
    },
    # the initial passwords of the last import, once, by POST (nothing waiting: back to the page)
    "onboarding_passwords": {
        "GET":  "3    3    3    3    3    3    3    3    5    3    3",
        "POST": "3    3    3    3    3    3    3    3    +    3    3",
    },
    "onboarding_template": {
        "GET":  "3    3    3    3    3    3    3    3    +    3    3",
        "POST": "3    3    3    3    3    3    3    3    5    3    3",
    },
}  # fmt: skip

FORM_BODIES: dict[str, dict] = {}
