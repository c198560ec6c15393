from django.urls import path

from taizhang.regulations import views

urlpatterns = [
    path("regulations/", views.regulation_list_view, name="regulation_list"),
    path("regulations/review/", views.regulation_review, name="regulation_review"),
    path("regulations/new/", views.regulation_create, name="regulation_create"),
    path("regulations/import/", views.regulation_import, name="regulation_import"),
    path("regulations/<int:regulation_id>/edit/", views.regulation_edit, name="regulation_edit"),
]
