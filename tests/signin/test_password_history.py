"""口令历史 and the rest of the policy at a change: none of the last five passwords again (the current one
included), the sixth back is allowed; common and personal passwords refused; long and Unicode passwords
accepted."""

from __future__ import annotations

from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError

from taizhang.accounts.models import PasswordHistory, User
from taizhang.accounts.services import password_change
from tests.signin.conftest import PASSWORD

CHAIN = [PASSWORD] + [f"轮换-Pass-{n}-口令" for n in range(1, 7)]


def _change(user: User, old: str, new: str) -> None:
    password_change(user=user, old_password=old, new_password=new, keep_session=None, actor=user)


def _walk(user: User, passwords: list[str]) -> None:
    for old, new in pairwise(passwords):
        _change(user, old, new)


def test_none_of_the_last_five_passwords_may_be_chosen_again(office):
    person = office.liaison_1
    _walk(person, CHAIN[:5])  # now on CHAIN[4]; CHAIN[0..3] are the four before it
    for earlier in CHAIN[:4]:
        with pytest.raises(ValidationError, match="最近用过的 5 个密码"):
            _change(person, CHAIN[4], earlier)


def test_the_sixth_password_back_may_be_used_again(office):
    person = office.liaison_1
    _walk(person, CHAIN[:6])  # now on CHAIN[5]; the last five are CHAIN[1..5]
    _change(person, CHAIN[5], CHAIN[0])
    assert person.check_password(CHAIN[0])


def test_only_the_hashes_the_history_needs_are_kept(office):
    _walk(office.liaison_1, CHAIN)
    kept = list(PasswordHistory.objects.filter(user=office.liaison_1).values_list("password", flat=True))
    assert len(kept) == 4 and not any(p in "".join(kept) for p in CHAIN)


@pytest.mark.parametrize("weak", ["Qwerty123456", "1qaz2wsx3EDC", "Liaison1-2024", "abcdefghij"])
def test_common_personal_and_simple_passwords_are_refused(office, weak):
    with pytest.raises(ValidationError):
        _change(office.liaison_1, PASSWORD, weak)


@pytest.mark.parametrize("good", ["长口令-" * 60 + "Ab1", "密码是一句很长的中文诗句Zz9", "Ünïcödé-Пароль-9"])
def test_long_and_unicode_passwords_are_accepted_and_sign_in(office, good, client):
    _change(office.liaison_1, PASSWORD, good)
    answer = client.post("/login/", {"username": "liaison1", "password": good})
    assert answer.status_code == 302
