from django.urls import path

from taizhang.regulations import views

urlpatterns = [
    path("regulations/", views.regulation_list_view, name="regulation_list"),
    path("regulations/review/", views.regulation_review, name="regulation_review"),
    path("regulations/new/", views.regulation_create, name="regulation_create"),
    path("regulations/import/", views.regulation_import, name="regulation_import"),
    path("regulations/<int:regulation_id>/", views.regulation_detail, name="regulation_detail"),
    path("regulations/<int:regulation_id>/edit/", views.regulation_edit, name="regulation_edit"),
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
