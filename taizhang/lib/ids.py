"""Ids and small numbers from outside (a query string, a form, an API filter), bounded before they reach
the database: an id past what a ``BigAutoField`` holds (2^63 − 1) makes SQLite's driver raise
``OverflowError`` in any ``__in`` or foreign-key lookup — a 500 — so every id read from a request goes
through here and anything out of range is simply no id (the filter is ignored, the form field invalid, the
API answers 422)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

MAX_ID = 2**63 - 1  # the largest BIGINT, on SQLite and PostgreSQL alike
_MAX_DIGITS = len(str(MAX_ID))


def parse_int(value: object, *, lo: int, hi: int) -> int | None:
    """``value`` as an int in ``lo..hi`` when it is ASCII digits (an optional leading ``-``), else None.
    ``str.isdigit`` alone is not enough: "²" is a digit to it and an error to ``int``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if lo <= value <= hi else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
        return None
    number = int(text)
    return number if lo <= number <= hi else None


def parse_id(value: object) -> int | None:
    """A row id (1 … 2^63 − 1) from a query string or form value, or None."""
    return parse_int(value, lo=1, hi=MAX_ID)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """``ModelMultipleChoiceField`` whose ids are checked for range before its ``pk__in`` query: an id out
    of range is an invalid choice, as an unknown one is."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        if key == "pk":
            for pk in value if isinstance(value, list | tuple | set | frozenset) else ():
                if parse_id(pk if isinstance(pk, int) else str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)
