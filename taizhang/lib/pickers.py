"""Pickers for long lists (issue 13 item 8): a region's 150 units, a province's 3,000 tasks.

``Picker`` / ``PickerSelect`` write a plain ``<select multiple>`` / ``<select>`` (it works without
JavaScript and with the keyboard, and the form checks the value as any select) marked ``data-picker``;
``static/taizhang/picker.js`` adds a filter box, and for a multiple select 全选 of the shown options, 全选 by
unit kind (each option carries ``data-kind`` when its object has a ``kind``) and 清空. The options are
written in Python, as ``widgets.LongSelect`` does: a template per option would cost a 3,000-task page
hundreds of milliseconds.

``GroupedChoices``: a model field's options under ``<optgroup>`` headings (a task under its plan), so a
long list names the group once instead of on every option."""

from __future__ import annotations

import json
from collections.abc import Callable

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from taizhang.lib.widgets import _attrs


def _kind(value) -> str | None:
    instance = getattr(value, "instance", None)
    return getattr(instance, "kind", None) if instance is not None else None


class _PickerMixin:
    """Renders the select with ``data-picker`` and its texts (the page's language), the options in Python."""

    def _texts(self) -> dict[str, str]:
        return {
            "data-picker": True,
            "data-picker-filter": _("输入名称筛选"),
            "data-picker-all": _("全选"),
            "data-picker-none": _("清空"),
            "data-picker-shown": _("显示 {shown} / {total} 项，已选 {chosen} 项"),
        }

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        kinds: dict[str, str] = {}
        parts = []
        for group_name, group, _index in context["optgroups"]:
            options = []
            for option in group:
                kind = _kind(option["value"])
                extra = dict(option["attrs"])
                if kind:
                    extra["data-kind"] = kind
                    kinds.setdefault(kind, "")
                options.append(
                    format_html(
                        '<option value="{}"{}>{}</option>',
                        str(option["value"]),
                        _attrs(extra),
                        option["label"],
                    )
                )
            body = mark_safe("".join(options))  # each option escaped by format_html
            parts.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, body) if group_name else body
            )
        select_attrs = {**context["attrs"], **self._texts()}
        if kinds and self.allow_multiple_selected:
            select_attrs["data-kinds"] = json.dumps(
                [[kind, _(label)] for kind, label in self.kind_labels if kind in kinds], ensure_ascii=False
            )
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        return format_html(
            '<select name="{}"{}>{}</select>',
            context["name"],
            _attrs(select_attrs),
            mark_safe("".join(parts)),
        )

    kind_labels: tuple[tuple[str, str], ...] = ()


class Picker(_PickerMixin, forms.SelectMultiple):
    """A searchable multiple select. ``kind_labels``: (kind, label msgid) in the order the 全选 buttons show
    (``units.models.Unit.Kind.choices`` for units)."""

    def __init__(self, attrs=None, *, kind_labels=(), size: int = 10):
        super().__init__({"size": size, **(attrs or {})})
        self.kind_labels = tuple(kind_labels)


class PickerSelect(_PickerMixin, forms.Select):
    """A searchable single select (a finding's unit, a rectification's task)."""


class GroupedChoices(ModelChoiceIterator):
    """The field's options grouped under ``field.group_label(obj)``, in the queryset's order (order it by
    the group first). The field still checks a value against its queryset, never against these."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        group_label: Callable = self.field.group_label
        for obj in self.queryset:
            groups.setdefault(group_label(obj), []).append(self.choice(obj))
        yield from groups.items()
