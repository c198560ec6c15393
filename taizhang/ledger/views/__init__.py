"""Pages about the ledger (台账): a unit's own tasks, a plan's whole ledger, one task, the decomposition form,
and their .xlsx exports."""

from taizhang.ledger.views.assignment_edit import assignment_edit
from taizhang.ledger.views.cooperation import task_cooperation
from taizhang.ledger.views.my_tasks import my_tasks, my_tasks_export
from taizhang.ledger.views.plan_ledger import plan_ledger, plan_ledger_export, plan_ledger_export_pdf
from taizhang.ledger.views.task_detail import task_detail

__all__ = [
    "assignment_edit",
    "my_tasks",
    "my_tasks_export",
    "plan_ledger",
    "plan_ledger_export",
    "plan_ledger_export_pdf",
    "task_cooperation",
    "task_detail",
]
