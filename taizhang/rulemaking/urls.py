"""A regulation's page, its versions and decisions. The paths stay under regulations/ beside the
register's own pages (``regulations.urls``)."""

from django.urls import path

from taizhang.rulemaking import views

urlpatterns = [
    path("regulations/<int:regulation_id>/", views.regulation_detail, name="regulation_detail"),
    path(
        "regulations/<int:regulation_id>/versions/",
        views.regulation_version_add,
        name="regulation_version_add",
    ),
    path("regulations/<int:regulation_id>/decide/", views.regulation_decide, name="regulation_decide"),
    path(
        "regulations/versions/<int:regulation_version_id>/file/",
        views.regulation_version_download,
        name="regulation_version_download",
    ),
]
