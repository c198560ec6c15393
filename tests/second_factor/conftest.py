"""The 甲市 world of the account pages (``tests.accounts.conftest.office``), a frozen clock (a TOTP code is
tied to its 30-second step; a test moves on a step rather than waiting), and helpers to enrol a person
and to sign in in two steps through the real pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import PASSWORD, office

__all__ = ["PASSWORD", "office"]

START = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC)  # 5 s into a step


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def next_step(clock) -> None:
    clock.shift(timedelta(seconds=30))


def code_now(secret: str) -> str:
    return pyotp.TOTP(secret).now()


def enrol(user) -> tuple[str, list[str]]:
    """Enrol ``user`` through the services at the current step; returns the secret and the recovery codes."""
    from taizhang.accounts.second_factor.services import totp_enrol_confirm, totp_pending_secret

    secret = totp_pending_secret(user=user)
    return secret, totp_enrol_confirm(user=user, code=code_now(secret), keep_session=None)


def password_step(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def code_step(client: Client, code: str):
    return client.post(reverse("login_second_factor"), {"code": code})


def signed_in(client: Client) -> bool:
    """Whether the client's session reaches a page that needs a signed-in person (the profile)."""
    return client.get(reverse("profile")).status_code == 200
