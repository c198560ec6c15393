"""Pages of accountability (问责): the cases (the office side its region's, a unit those against it once
decided), opening one (prefilled from a warning or a unit, and from the 再问责 list), a case with its
grounds, measures, dates and documents, and the 再问责 list of cases due and not opened.

Thin views: the selectors decide what is in scope (404), the services who may act (403) and whether the
case's state allows it (422); a stale version is 409.
"""

from taizhang.accountability.views.create import case_create_view, reaccountability_list
from taizhang.accountability.views.detail import (
    case_close_view,
    case_decide_view,
    case_detail,
    case_evidence_download,
    case_evidence_upload,
    case_list_view,
)

__all__ = [
    "case_close_view",
    "case_create_view",
    "case_decide_view",
    "case_detail",
    "case_evidence_download",
    "case_evidence_upload",
    "case_list_view",
    "reaccountability_list",
]
