"""The demo's 领导批示 and 关注: the leader instructs 区纪委 on one of its tasks, which 区纪委 has answered; a
second instruction, on a task of 区委组织部, waits for its answer (a to-do in that unit's 工作台); the
leader follows the first task, so its next change reaches the leader's inbox and 工作台."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.instructions.models import Follow
from taizhang.instructions.services import follow, instruction_answer, instruction_write
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan

JIWEI, ZUZHI = "区纪委", "区委组织部"


def _task_of(plan: Plan, unit_name: str):
    line = (
        Assignment.objects.filter(task__plan=plan, unit__name=unit_name, role=Assignment.Role.LEAD)
        .select_related("task__plan")
        .order_by("task__order")
        .first()
    )
    return line.task if line else None


def make_instructions(plan: Plan) -> str:
    """One answered instruction, one pending, one followed task; returns a line saying so."""
    leader = User.objects.get(username="leader")
    jiwei_task, zuzhi_task = _task_of(plan, JIWEI), _task_of(plan, ZUZHI)
    if jiwei_task is None or zuzhi_task is None:
        return "  领导批示：无可批示的任务"
    units = {a.unit.name: a.unit for a in Assignment.objects.filter(task=jiwei_task).select_related("unit")}
    with transaction.atomic():
        answered = instruction_write(
            actor=leader,
            kind="task",
            item=jiwei_task,
            text="此项工作要抓实抓细，月底前报告进展。",
            units=[units[JIWEI]],
        )
        instruction_answer(
            actor=User.objects.get(username="jiwei_liaison"),
            reply=answered.replies.get(),
            text="已召开专题会议部署，月底前书面报告。",
        )
        instruction_write(
            actor=leader,
            kind="task",
            item=zuzhi_task,
            text="请加快推进，按期完成。",
            due_date=timezone.localdate() + timedelta(days=14),
        )
        if not Follow.objects.filter(user=leader, task=jiwei_task).exists():
            follow(actor=leader, kind="task", item=jiwei_task)
    return "  领导批示 2 条（已答复 1 条，待答复 1 条），领导关注任务 1 项"
