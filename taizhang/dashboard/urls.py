from django.urls import path

from taizhang.dashboard import views

# One name for both: the menu links ``dashboard`` (no plan), which opens the newest plan's page, and the
# menu entry stays marked on that page.
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    # 汇总: a province's or a city's regions side by side for a year, drilled down to a region's units
    path("rollup/", views.rollup_page, name="rollup"),
    path("plans/<int:plan_id>/dashboard/", views.plan_dashboard_page, name="dashboard"),
]
