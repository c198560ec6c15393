"""What the inspection and rectification views share: service refusals onto forms."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form


def add_refusal(form: Form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: on the field it names when the form has it, else above."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
