"""Form fields that pick tasks (one of 3,000): each by ``task_label`` — its number and the start of its
text — under its plan's title as an ``<optgroup>`` heading, in a searchable picker (``lib.pickers``).
Order the queryset by plan first (``plan_id``, ``order``) so each plan's tasks stay together."""

from __future__ import annotations

from django import forms

from taizhang.lib.ids import BoundedModelMultipleChoiceField
from taizhang.lib.pickers import GroupedChoices, Picker, PickerSelect
from taizhang.plans.models import Task

SHORT = 40  # characters of a task's text a picker shows


def task_label(task: Task) -> str:
    """The one way a picker names a task: "3. 建立健全……" — its printed number and its text cut to
    ``SHORT`` characters (whitespace folded). The plan is the option's group, not part of the label."""
    text = " ".join(task.text.split())
    short = text if len(text) <= SHORT else text[:SHORT] + "…"
    number = task.number.strip()
    return f"{number} {short}" if number else short


def _plan_title(task: Task) -> str:
    return task.plan.title


class TasksField(BoundedModelMultipleChoiceField):
    """Several tasks (``select_related("plan")`` on the queryset keeps it one query)."""

    iterator = GroupedChoices
    group_label = staticmethod(_plan_title)

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Task.objects.none())
        kwargs.setdefault("widget", Picker)
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Task) -> str:
        return task_label(obj)


class TaskField(forms.ModelChoiceField):
    """One task."""

    iterator = GroupedChoices
    group_label = staticmethod(_plan_title)

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Task.objects.none())
        kwargs.setdefault("widget", PickerSelect)
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Task) -> str:
        return task_label(obj)
