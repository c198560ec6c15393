"""Pages of rectification (整改, 销号): the ledger of items (a unit its own, the office and leaders their
region) and its .xlsx, assigning an item (from a finding or not), the item's page with its timeline,
progress, close-out application and the office's verification, and the items' files.

Thin views: the selectors decide what is in scope (404), the services who may act (403) and whether the
item's state allows it (422); a stale version is 409.
"""

from taizhang.rectification.views.create import rectification_create, rectification_from_finding
from taizhang.rectification.views.detail import (
    rectification_closeout,
    rectification_detail,
    rectification_evidence_download,
    rectification_progress,
    rectification_verify,
)
from taizhang.rectification.views.ledger import rectification_export, rectification_ledger
from taizhang.rectification.views.lookback import (
    lookback_detail,
    lookback_index,
    lookback_new,
    lookback_recheck_view,
    relapse_index,
)

__all__ = [
    "lookback_detail",
    "lookback_index",
    "lookback_new",
    "lookback_recheck_view",
    "rectification_closeout",
    "rectification_create",
    "rectification_detail",
    "rectification_evidence_download",
    "rectification_export",
    "rectification_from_finding",
    "rectification_ledger",
    "rectification_progress",
    "rectification_verify",
    "relapse_index",
]
