from django.urls import path

from taizhang.plans import views

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/source/", views.plan_source, name="plan_source"),
    # 落实情况: which lower regions carry out each task (上下贯通), the 缺项, and as .xlsx
    path("plans/<int:plan_id>/coverage/", views.plan_coverage, name="plan_coverage"),
    path("plans/<int:plan_id>/coverage/export/", views.plan_coverage_export, name="plan_coverage_export"),
    path("plans/<int:plan_id>/publish/", views.plan_publish, name="plan_publish"),
    # 方案导入: upload → preview (with its corrections, one task row at a time) → confirm.
    path("plans/import/", views.plan_import, name="plan_import"),
    path("plans/import/preview/", views.plan_import_preview, name="plan_import_preview"),
    path("plans/import/discard/", views.plan_import_discard, name="plan_import_discard"),
    # 泛称: the units a wildcard gives, for the whole plan or one task (?word=…&row=…)
    path("plans/import/wildcard/", views.plan_import_wildcard, name="plan_import_wildcard"),
    # <task_id> is a task of the preview in the session (its row), not a saved Task.
    path("plans/import/tasks/<int:task_id>/", views.plan_import_task, name="plan_import_task"),
    path("plans/import/tasks/<int:task_id>/edit/", views.plan_import_task_edit, name="plan_import_task_edit"),
    path(
        "plans/import/tasks/<int:task_id>/delete/",
        views.plan_import_task_delete,
        name="plan_import_task_delete",
    ),
]
