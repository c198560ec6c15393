"""Kept trails of a workflow (审核记录, 督办办理记录, 整改记录): for every step, who moved a record from which
state to which, when and why — the base model and the two database checks each trail declares."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q


class Step(models.Model):
    """A subclass adds the record it belongs to and ``from_state``/``to_state`` with its own choices."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


def only_steps(steps: Iterable[tuple[str, str]], *, name: str) -> models.CheckConstraint:
    """The database refuses any step not in ``steps``."""
    return models.CheckConstraint(
        condition=Q.create([Q(from_state=a, to_state=b) for a, b in sorted(steps)], connector=Q.OR), name=name
    )


def reason_required(when: Q, *, name: str) -> models.CheckConstraint:
    """A step matching ``when`` (a return, a refusal) must say why."""
    return models.CheckConstraint(condition=~when | ~Q(reason=""), name=name)
