"""口令策略: at least 10 characters mixing 3 of the 4 classes (lower, upper, digit, other — Chinese counts as
other), as configured in AUTH_PASSWORD_VALIDATORS; one-time passwords always pass it."""

from __future__ import annotations

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from taizhang.accounts.passwords import CharacterClassesValidator, one_time_password


@pytest.mark.parametrize("weak", ["Abcdefg1", "abcdefghijkl", "abcdefgh1234", "ABCDEFGH1234"])
def test_short_or_two_class_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        password_validation.validate_password(weak)


@pytest.mark.parametrize("good", ["Strong-pass-2024", "台账-test-口令-2021", "Abcdefgh1234"])
def test_three_classes_and_ten_characters_pass(good):
    password_validation.validate_password(good)


def test_the_number_of_classes_is_configurable():
    CharacterClassesValidator(min_classes=4).validate("Abc-defgh-1")
    with pytest.raises(ValidationError):
        CharacterClassesValidator(min_classes=4).validate("Abcdefgh12")


def test_one_time_passwords_pass_the_policy_and_differ():
    made = {one_time_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        password_validation.validate_password(password)
        assert len(password) == 12 and not set(password) & set("0O1lI")
