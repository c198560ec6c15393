"""URLs of inspections (督办检查) and their findings. Their paths stay under supervision/ where users
learnt them, though orders, key regulations and 看查问 are another app (``taizhang.supervision``)."""

from django.urls import path

from taizhang.inspections import views

urlpatterns = [
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/coverage/", views.inspection_coverage, name="inspection_coverage"),
    path("inspections/<int:inspection_id>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:inspection_id>/step/", views.inspection_step, name="inspection_step"),
    path(
        "inspections/<int:inspection_id>/findings/new/",
        views.finding_create,
        name="finding_create",
    ),
    path("risk-points/", views.risk_point_register_view, name="risk_point_register"),
    path("risk-points/overview/", views.risk_point_overview_view, name="risk_point_overview"),
    path("risk-points/<int:risk_point_id>/decide/", views.risk_point_decide_view, name="risk_point_decide"),
    path(
        "supervision/findings/files/<int:finding_evidence_id>/",
        views.finding_evidence_download,
        name="finding_evidence_download",
    ),
]
