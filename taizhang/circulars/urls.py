from django.urls import path

from taizhang.circulars import views

urlpatterns = [
    path("circulars/", views.circular_list_page, name="circular_list"),
    path("circulars/new/", views.circular_create, name="circular_create"),
    path("circulars/templates/", views.circular_templates, name="circular_templates"),
    path("circulars/issuer/", views.circular_issuer, name="circular_issuer"),
    path(
        "circulars/templates/download/", views.circular_template_download, name="circular_template_download"
    ),
    path("circulars/<int:circular_id>/", views.circular_detail, name="circular_detail"),
    path("circulars/<int:circular_id>/edit/", views.circular_edit, name="circular_edit"),
    path("circulars/<int:circular_id>/publish/", views.circular_publish, name="circular_publish"),
    path("circulars/<int:circular_id>/download/", views.circular_download, name="circular_download"),
    path(
        "circulars/<int:circular_id>/download.pdf", views.circular_download_pdf, name="circular_download_pdf"
    ),
]
