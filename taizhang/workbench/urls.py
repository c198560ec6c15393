from django.urls import path

from taizhang.workbench import views

urlpatterns = [
    path("workbench/", views.workbench, name="workbench"),
    path("workbench/badges/", views.workbench_badges, name="workbench_badges"),
]
