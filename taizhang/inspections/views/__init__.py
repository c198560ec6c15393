"""Pages of inspections (督办检查): the list, planning one, its page with findings and the office's steps,
recording a finding, finding files, and the yearly 明查暗访 coverage.

Thin views: the selectors decide what is in scope (404), the services who may act (403) and whether the
state allows it (422); a stale version is 409.
"""

from taizhang.inspections.views.coverage import inspection_coverage
from taizhang.inspections.views.detail import inspection_detail, inspection_step
from taizhang.inspections.views.findings import finding_create, finding_evidence_download
from taizhang.inspections.views.listing import inspection_create, inspection_list
from taizhang.inspections.views.riskpoints import (
    risk_point_decide_view,
    risk_point_overview_view,
    risk_point_register_view,
)

__all__ = [
    "finding_create",
    "finding_evidence_download",
    "inspection_coverage",
    "inspection_create",
    "inspection_detail",
    "inspection_list",
    "inspection_step",
    "risk_point_decide_view",
    "risk_point_overview_view",
    "risk_point_register_view",
]
