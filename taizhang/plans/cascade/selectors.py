"""Reads of 上下贯通 that take the user.

An upper task is part of a published document addressed to the regions below: whoever reads a task reads
the upper tasks it carries out. The lower tasks carrying out a task are read through ``plan_list``: the
region tree as everywhere (a city's office sees its districts' tasks, a district never another's)."""

from __future__ import annotations

from django.db.models import QuerySet

from taizhang.accounts.models import User
from taizhang.plans.cascade.upper import upper_task_scope
from taizhang.plans.models import Task
from taizhang.plans.selectors import plan_list


def upper_tasks_of(*, task: Task) -> QuerySet[Task]:
    """The upper tasks ``task`` (already read through its selector) carries out, by plan and order."""
    return task.carries_out.select_related("plan").order_by("plan_id", "order")


def lower_tasks_of(*, user: User, task: Task) -> QuerySet[Task]:
    """The tasks carrying out ``task`` in the plans ``user`` may read, by region and order."""
    return (
        task.carried_out_by.filter(plan__in=plan_list(user=user).values("pk"))
        .select_related("plan__region")
        .order_by("plan__region__name", "plan_id", "order")
    )


def upper_task_choices(*, task: Task) -> QuerySet[Task]:
    """What the picker offers: the tasks of the plan's upper plan (or of every plan above, while it names
    none), grouped by plan."""
    return upper_task_scope(task.plan).select_related("plan").order_by("plan_id", "order")
