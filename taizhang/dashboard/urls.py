from django.urls import path

from taizhang.dashboard import views

# One name for both: the menu links ``dashboard`` (no plan), which opens the newest plan's page, and the
# menu entry stays marked on that page.
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("plans/<int:plan_id>/dashboard/", views.plan_dashboard_page, name="dashboard"),
]
