"""URLs of inspections (督办检查) and their findings. Included from taizhang/urls.py; the rest of supervision
(orders, key regulations, 看查问) has its own urls.py."""

from django.urls import path

from taizhang.supervision.inspections import views

urlpatterns = [
    path("supervision/inspections/", views.inspection_list, name="inspection_list"),
    path("supervision/inspections/new/", views.inspection_create, name="inspection_create"),
    path("supervision/inspections/coverage/", views.inspection_coverage, name="inspection_coverage"),
    path("supervision/inspections/<int:inspection_id>/", views.inspection_detail, name="inspection_detail"),
    path("supervision/inspections/<int:inspection_id>/step/", views.inspection_step, name="inspection_step"),
    path(
        "supervision/inspections/<int:inspection_id>/findings/new/",
        views.finding_create,
        name="finding_create",
    ),
    path(
        "supervision/findings/files/<int:finding_evidence_id>/",
        views.finding_evidence_download,
        name="finding_evidence_download",
    ),
]
