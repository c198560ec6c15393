from django.urls import path

from taizhang.appraisals import views

urlpatterns = [
    path("appraisals/", views.survey_list, name="survey_list"),
    path("appraisals/new/", views.survey_create, name="survey_create"),
    path("appraisals/<int:survey_id>/", views.survey_detail, name="survey_detail"),
    path("appraisals/<int:survey_id>/codes/", views.survey_codes, name="survey_codes"),
    path("appraisals/<int:survey_id>/open/", views.survey_open, name="survey_open"),
    path("appraisals/<int:survey_id>/close/", views.survey_close, name="survey_close"),
    # Public: a rater with a one-time code and no account (lib.access.PUBLIC_ROUTES).
    path("rate/", views.rate, name="rate"),
]
