"""``accounts.services.password_change``, ``password_reset_by_email`` and ``sessions.sessions_end``."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client

from taizhang.accounts.codes import AccountCode
from taizhang.accounts.services import password_change, password_reset_by_email
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.profile.conftest import NEW_PASSWORD, PASSWORD


def _sign_in(user) -> str:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client.session.session_key


def test_a_change_sets_the_password_clears_the_forced_change_and_is_audited_without_it(people):
    user = people.liaison
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    password_change(
        user=user, old_password=PASSWORD, new_password=NEW_PASSWORD, keep_session=None, actor=user
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.must_change_password and user.password_changed_at is not None
    event = AuditEvent.objects.get(action="password.change")
    assert event.actor == user and event.object_id == str(user.pk)
    assert NEW_PASSWORD not in str(event.after) and PASSWORD not in str(event.after)
    assert "password" not in event.after


def test_a_change_ends_the_persons_other_sessions_and_keeps_this_one_and_others(people):
    here, elsewhere = _sign_in(people.liaison), _sign_in(people.liaison)
    someone_else = _sign_in(people.other)
    ended = password_change(
        user=people.liaison, old_password=PASSWORD, new_password=NEW_PASSWORD, keep_session=here,
        actor=people.liaison,
    )  # fmt: skip
    assert ended == 1
    keys = set(Session.objects.values_list("session_key", flat=True))
    assert here in keys and someone_else in keys and elsewhere not in keys


def test_a_wrong_current_password_is_refused_and_nothing_changes(people):
    with pytest.raises(Refusal) as caught:
        password_change(
            user=people.liaison, old_password="wrong", new_password=NEW_PASSWORD, keep_session=None,
            actor=people.liaison,
        )  # fmt: skip
    assert caught.value.code == AccountCode.WRONG_PASSWORD
    people.liaison.refresh_from_db()
    assert people.liaison.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="password.change").exists()


@pytest.mark.parametrize("weak", ["12345678901", "password123", "short", PASSWORD])
def test_a_weak_or_unchanged_password_is_refused_by_the_validators(people, weak):
    with pytest.raises(ValidationError):
        password_change(
            user=people.liaison, old_password=PASSWORD, new_password=weak, keep_session=None,
            actor=people.liaison,
        )  # fmt: skip
    people.liaison.refresh_from_db()
    assert people.liaison.check_password(PASSWORD)


def test_a_reset_through_the_email_link_ends_every_session_and_is_audited_as_the_person(people):
    session = _sign_in(people.liaison)
    assert password_reset_by_email(user=people.liaison, new_password=NEW_PASSWORD) == 1
    assert not Session.objects.filter(session_key=session).exists()
    people.liaison.refresh_from_db()
    assert people.liaison.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="password.reset_email")
    assert event.actor == people.liaison and NEW_PASSWORD not in str(event.after)
