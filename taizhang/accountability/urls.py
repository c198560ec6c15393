from django.urls import path

from taizhang.accountability import views

urlpatterns = [
    path("accountability/", views.case_list_view, name="case_list"),
    path("accountability/new/", views.case_create_view, name="case_create"),
    path("accountability/due/", views.reaccountability_list, name="reaccountability_list"),
    path("accountability/<int:case_id>/", views.case_detail, name="case_detail"),
    path("accountability/<int:case_id>/decide/", views.case_decide_view, name="case_decide"),
    path("accountability/<int:case_id>/close/", views.case_close_view, name="case_close"),
    path("accountability/<int:case_id>/files/", views.case_evidence_upload, name="case_evidence_upload"),
    path(
        "accountability/files/<int:case_evidence_id>/",
        views.case_evidence_download,
        name="case_evidence_download",
    ),
]
