"""The file field of every upload form: several files in one field, each checked before any is stored."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taizhang.files.checks import upload_check
from taizhang.lib.i18n import said_lazy


class MultipleFileInput(forms.ClearableFileInput):
    """Several files at once. ``accept`` lists the allowed types, read when the page is drawn: a hint for
    the browser's file picker; the checks that count are the field's and the service's."""

    allow_multiple_selected = True

    def get_context(self, name, value, attrs):
        accept = ",".join(f".{extension}" for extension in settings.TAIZHANG_EVIDENCE_TYPES)
        return super().get_context(name, value, {**(attrs or {}), "accept": accept})


class FilesField(forms.FileField):
    """Files, several in one field (Django's documented pattern), cleaned to a list. Every file is checked
    (``files.checks.upload_check``: type, size) before any is stored, so a refused upload leaves nothing
    behind: no row and no file in storage. ``required=False`` cleans no file to an empty list."""

    default_error_messages: ClassVar[dict[str, str]] = {
        "required": said_lazy("请选择文件。", "Choose a file.")
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        for upload in files:
            upload_check(upload)
        return files


class FilesForm(forms.Form):
    """佐证材料: one or more files, for a report or a unit's reply to a 督办单."""

    files = FilesField(label=_("选择文件"))
