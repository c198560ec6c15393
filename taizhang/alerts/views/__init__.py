"""Pages of warnings (预警): the list (the office side its region's, a unit its own), a warning with the
data that raised it and the forms of whoever may act (the unit explains; the office records a talk or
closes it), 立即核对 for the office's regions, and the admonition talks (谈话提醒).

Thin views: the selectors decide what is in scope (404), the services who may act (403) and whether the
warning's state allows it (422); a stale version is 409.
"""

from taizhang.alerts.views.detail import alert_close_view, alert_detail, alert_explain_view
from taizhang.alerts.views.lists import alert_list_view, alert_refresh_view
from taizhang.alerts.views.talks import talk_create_view, talk_list_view

__all__ = [
    "alert_close_view",
    "alert_detail",
    "alert_explain_view",
    "alert_list_view",
    "alert_refresh_view",
    "talk_create_view",
    "talk_list_view",
]
