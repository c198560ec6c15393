from django.urls import path

from taizhang.assessment import views

V = "assessment/standards/versions/<int:standard_version_id>/"
A = "assessment/<int:assessment_id>/"
U = "assessment/units/<int:assessed_unit_id>/"

urlpatterns = [
    path("assessment/", views.assessment_list_view, name="assessment_list"),
    path("assessment/new/", views.assessment_create, name="assessment_create"),
    path("assessment/standards/", views.standard_list_view, name="standard_list"),
    path(
        "assessment/standards/<int:standard_id>/versions/new/",
        views.standard_version_new,
        name="standard_version_new",
    ),
    path(V, views.standard_version_detail, name="standard_version_detail"),
    path(V + "indicators/", views.indicator_add, name="indicator_add"),
    path(V + "role-weights/", views.standard_version_role_weights, name="standard_version_role_weights"),
    path(V + "release/", views.standard_version_release, name="standard_version_release"),
    path("assessment/indicators/<int:indicator_id>/", views.indicator_edit, name="indicator_edit"),
    path(A, views.assessment_detail, name="assessment_detail"),
    path(A + "step/", views.assessment_step, name="assessment_step"),
    path(A + "approval/", views.assessment_approval, name="assessment_approval"),
    path(A + "scores.xlsx", views.assessment_scores_export, name="assessment_scores_export"),
    path(A + "circular.docx", views.assessment_circular, name="assessment_circular"),
    path(A + "circular.pdf", views.assessment_circular_pdf, name="assessment_circular_pdf"),
    path(U, views.assessment_unit, name="assessment_unit"),
    path(U + "self/", views.assessment_self_score, name="assessment_self_score"),
    path(U + "assess/", views.assessment_assessor_score, name="assessment_assessor_score"),
]
