"""Optimistic locking: the one way a service saves a row that two people may edit at once.

A model that takes part has ``version = models.PositiveIntegerField(default=1)``. The form carries the version
the user started from; the service passes it as ``expected_version``. The UPDATE matches only if nobody saved
in between, so the second of two concurrent saves changes nothing and raises ``StaleEdit``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.utils import timezone

from taizhang.lib.fields import sealed_changes
from taizhang.lib.i18n import said


class StaleEdit(Exception):
    """Someone else saved this record after the user opened it."""

    zh = "该记录已被他人修改，请刷新页面后重新编辑。"
    en = "Someone else changed this record after you opened it; reload and edit again."

    def __init__(self, obj: models.Model, expected_version: int):
        super().__init__(self.zh)
        self.model_label = obj._meta.label_lower
        self.pk = obj.pk
        self.expected_version = expected_version

    def __str__(self) -> str:  # the reader's language; the API gives both (``api.errors``)
        return said(self.zh, self.en)


def save_versioned(obj: models.Model, *, expected_version: int, **changes: Any) -> None:
    """Write ``changes`` to ``obj``'s row if its version is still ``expected_version``; bump the version.

    Updates ``obj`` in memory to match. ``auto_now`` fields are set too, since ``QuerySet.update`` skips them.
    Call it inside the service's transaction.
    """
    for field in obj._meta.concrete_fields:
        if getattr(field, "auto_now", False) and field.attname not in changes:
            changes[field.attname] = timezone.now()
    matched = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, version=expected_version)
        .update(**sealed_changes(obj, changes), version=F("version") + 1)
    )
    if matched == 0:
        raise StaleEdit(obj, expected_version)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = expected_version + 1
