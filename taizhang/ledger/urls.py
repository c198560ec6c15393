from django.urls import path

from taizhang.ledger import views

urlpatterns = [
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("tasks/export/", views.my_tasks_export, name="my_tasks_export"),
    path("tasks/<int:task_id>/", views.task_detail, name="task_detail"),
    path("tasks/<int:task_id>/cooperation/", views.task_cooperation, name="task_cooperation"),
    path("plans/<int:plan_id>/ledger/", views.plan_ledger, name="plan_ledger"),
    path("plans/<int:plan_id>/ledger/export/", views.plan_ledger_export, name="plan_ledger_export"),
    path(
        "plans/<int:plan_id>/ledger/export.pdf", views.plan_ledger_export_pdf, name="plan_ledger_export_pdf"
    ),
    path("assignments/<int:assignment_id>/edit/", views.assignment_edit, name="assignment_edit"),
]
