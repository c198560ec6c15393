"""Pages of supervision: orders and replies, 逾期督办, 看查问, reasons, key regulations. Inspections and
findings are their own app (``taizhang.inspections.urls``)."""

from django.urls import path

from taizhang.supervision.views import detail, download, keyregs, lists, orders, review3

urlpatterns = [
    path("supervision/orders/", orders.order_list_view, name="order_list"),
    path("supervision/orders/new/", orders.order_create_view, name="order_create"),
    path("supervision/orders/overdue/", lists.order_overdue, name="order_overdue"),
    path("supervision/orders/<int:order_id>/", detail.order_detail, name="order_detail"),
    path("supervision/orders/<int:order_id>/issue/", orders.order_issue_view, name="order_issue"),
    path("supervision/orders/<int:order_id>/close/", orders.order_close_view, name="order_close"),
    path("supervision/inbox/", lists.order_inbox, name="order_inbox"),
    path("supervision/replies/<int:recipient_id>/", detail.order_reply_view, name="order_reply"),
    path("supervision/replies/<int:recipient_id>/decide/", detail.order_decide, name="order_decide"),
    path(
        "supervision/replies/<int:recipient_id>/evidence/",
        detail.order_evidence_upload,
        name="order_evidence_upload",
    ),
    path(
        "supervision/files/<int:order_evidence_id>/",
        download.order_evidence_download,
        name="order_evidence_download",
    ),
    path("plans/<int:plan_id>/review3/", review3.plan_review3, name="plan_review3"),
    path("supervision/explanations/", review3.explanation_list, name="explanation_list"),
    path(
        "assignments/<int:assignment_id>/explanation/", review3.explanation_give_view, name="explanation_give"
    ),
    path("supervision/key-regulations/", keyregs.keyreg_edit, name="keyreg_edit"),
    path("supervision/key-regulations/overview/", keyregs.keyreg_overview_view, name="keyreg_overview"),
]
