from django.urls import path

from taizhang.rectification import views

urlpatterns = [
    path("rectification/", views.rectification_ledger, name="rectification_ledger"),
    path("rectification/export/", views.rectification_export, name="rectification_export"),
    path("rectification/new/", views.rectification_create, name="rectification_create"),
    path(
        "supervision/findings/<int:finding_id>/rectification/",
        views.rectification_from_finding,
        name="rectification_from_finding",
    ),
    path(
        "rectification/<int:rectification_item_id>/", views.rectification_detail, name="rectification_detail"
    ),
    path(
        "rectification/<int:rectification_item_id>/progress/",
        views.rectification_progress,
        name="rectification_progress",
    ),
    path(
        "rectification/<int:rectification_item_id>/closeout/",
        views.rectification_closeout,
        name="rectification_closeout",
    ),
    path(
        "rectification/<int:rectification_item_id>/verify/",
        views.rectification_verify,
        name="rectification_verify",
    ),
    path(
        "rectification/files/<int:rectification_evidence_id>/",
        views.rectification_evidence_download,
        name="rectification_evidence_download",
    ),
    path("rectification/lookbacks/", views.lookback_index, name="lookback_list"),
    path("rectification/lookbacks/new/", views.lookback_new, name="lookback_create"),
    path("rectification/lookbacks/<int:lookback_id>/", views.lookback_detail, name="lookback_detail"),
    path(
        "rectification/lookbacks/entries/<int:lookback_entry_id>/recheck/",
        views.lookback_recheck_view,
        name="lookback_recheck",
    ),
    path("rectification/relapses/", views.relapse_index, name="relapse_list"),
]
