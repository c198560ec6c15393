from django.urls import path

from taizhang.background import views

urlpatterns = [
    path("jobs/<int:job_id>/", views.job_status, name="job_status"),
]
