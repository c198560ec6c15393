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
    # 修订 (a revised file: its diff, then applied as the next version), 版本记录, 撤回, 草稿编辑
    path("plans/<int:plan_id>/revise/", views.plan_revise, name="plan_revise"),
    path("plans/<int:plan_id>/revise/apply/", views.plan_revise_apply, name="plan_revise_apply"),
    path("plans/<int:plan_id>/versions/", views.plan_versions, name="plan_versions"),
    path("plans/<int:plan_id>/withdraw/", views.plan_withdraw, name="plan_withdraw"),
    path("plans/<int:plan_id>/tasks/", views.plan_draft_tasks, name="plan_draft_tasks"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/edit/", views.plan_task_edit, name="plan_task_edit"),
    path("plans/<int:plan_id>/tasks/<int:task_id>/delete/", views.plan_task_delete, name="plan_task_delete"),
    # 方案导入: upload → preview (with its corrections, one task row at a time) → confirm.
    path("plans/import/", views.plan_import, name="plan_import"),
    path("plans/import/preview/", views.plan_import_preview, name="plan_import_preview"),
    # 上下贯通: the include of suggested links for another upper plan (?upper_plan=…)
    path("plans/import/links/", views.plan_import_links, name="plan_import_links"),
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
    # 上下贯通: the upper tasks a task carries out and the lower tasks carrying it out
    path("tasks/<int:task_id>/links/", views.task_links, name="task_links"),
]
