"""Ids from a request are bounded before they reach the database: past 2^63 − 1, negative, or not ASCII
digits is no id at all."""

import pytest
from django.core.exceptions import ValidationError

from taizhang.lib.ids import MAX_ID, BoundedModelMultipleChoiceField, parse_id, parse_int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("7", 7), (" 42 ", 42), (str(MAX_ID), MAX_ID), (9, 9), (str(MAX_ID + 1), None),
     ("99999999999999999999", None), ("0", None), ("-1", None), ("abc", None), ("²", None), ("１２", None),
     ("1.5", None), ("", None), (None, None), (True, None), ("0x10", None)],
)  # fmt: skip
def test_parse_id_takes_only_row_ids(raw, expected):
    assert parse_id(raw) == expected


def test_parse_int_keeps_to_its_range():
    assert parse_int("2024", lo=2000, hi=2100) == 2024
    assert parse_int("1999", lo=2000, hi=2100) is None
    assert parse_int("-3", lo=-5, hi=5) == -3


@pytest.mark.django_db
def test_a_multiple_choice_past_2_63_is_an_invalid_choice_not_an_overflow():
    from taizhang.units.models import Unit

    field = BoundedModelMultipleChoiceField(queryset=Unit.objects.all())
    with pytest.raises(ValidationError) as caught:
        field.clean(["99999999999999999999"])
    assert caught.value.code == "invalid_pk_value"
