"""Pages about plans (方案): ``pages`` (list, detail, source file, publish), ``revisions`` (修订, 版本,
撤回), ``drafts`` (草稿编辑) and the import (方案导入) in
``importing`` and ``import_tasks``; ``import_session`` keeps an import between its steps."""

from taizhang.plans.views.coverage import plan_coverage, plan_coverage_export
from taizhang.plans.views.drafts import plan_draft_tasks, plan_task_delete, plan_task_edit
from taizhang.plans.views.import_links import plan_import_links
from taizhang.plans.views.import_tasks import plan_import_task, plan_import_task_delete, plan_import_task_edit
from taizhang.plans.views.import_wildcards import plan_import_wildcard
from taizhang.plans.views.importing import plan_import, plan_import_discard, plan_import_preview
from taizhang.plans.views.pages import plan_detail, plan_list, plan_publish, plan_source
from taizhang.plans.views.revisions import plan_revise, plan_revise_apply, plan_versions, plan_withdraw
from taizhang.plans.views.task_links import task_links

__all__ = [
    "plan_coverage",
    "plan_coverage_export",
    "plan_detail",
    "plan_draft_tasks",
    "plan_import",
    "plan_import_discard",
    "plan_import_links",
    "plan_import_preview",
    "plan_import_task",
    "plan_import_task_delete",
    "plan_import_task_edit",
    "plan_import_wildcard",
    "plan_list",
    "plan_publish",
    "plan_revise",
    "plan_revise_apply",
    "plan_source",
    "plan_task_delete",
    "plan_task_edit",
    "plan_versions",
    "plan_withdraw",
    "task_links",
]
