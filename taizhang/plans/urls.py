from django.urls import path

from taizhang.plans import views

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
]
