"""Pages about plans (方案): ``pages`` (list, detail, source file, publish) and the import (方案导入) in
``importing`` and ``import_tasks``; ``import_session`` keeps an import between its steps."""

from taizhang.plans.views.coverage import plan_coverage, plan_coverage_export
from taizhang.plans.views.import_tasks import plan_import_task, plan_import_task_delete, plan_import_task_edit
from taizhang.plans.views.import_wildcards import plan_import_wildcard
from taizhang.plans.views.importing import plan_import, plan_import_discard, plan_import_preview
from taizhang.plans.views.pages import plan_detail, plan_list, plan_publish, plan_source

__all__ = [
    "plan_coverage",
    "plan_coverage_export",
    "plan_detail",
    "plan_import",
    "plan_import_discard",
    "plan_import_preview",
    "plan_import_task",
    "plan_import_task_delete",
    "plan_import_task_edit",
    "plan_import_wildcard",
    "plan_list",
    "plan_publish",
    "plan_source",
]
