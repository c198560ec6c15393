"""``accounts.services.profile_update`` and ``language_set``: one's own name, contact and language."""

import pytest

from taizhang.accounts.codes import AccountCode
from taizhang.accounts.services import language_set, profile_update
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import REDACTED
from taizhang.lib.refusal import Refusal


def _update(user, **changes):
    fields = {
        "display_name": "李四",
        "email": "lisi@example.org",
        "mobile": "138 0000 0000",
        "language": "en",
    }
    return profile_update(user=user, actor=user, **(fields | changes))


def test_the_profile_is_saved_and_audited_with_before_and_after(people):
    user = _update(people.liaison)
    user.refresh_from_db()
    assert (user.display_name, user.email, user.mobile, user.language) == (
        "李四", "lisi@example.org", "138 0000 0000", "en",
    )  # fmt: skip
    event = AuditEvent.objects.get(action="user.profile_update")
    assert event.actor == people.liaison and event.object_id == str(people.liaison.pk)
    assert event.before["display_name"] == "张三" and event.before["email"] == ""
    assert event.after == {  # the mobile is encrypted at rest: the log says it was set, not what it is
        "display_name": "李四", "email": "lisi@example.org", "mobile": REDACTED, "language": "en"
    }  # fmt: skip


def test_blank_contact_and_default_language_are_allowed(people):
    user = _update(people.liaison, email="", mobile="", language="")
    assert (user.email, user.mobile, user.language) == ("", "", "")


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"display_name": "  "}, AccountCode.DISPLAY_NAME_REQUIRED),
        ({"display_name": "名" * 51}, AccountCode.DISPLAY_NAME_TOO_LONG),
        ({"email": "not-an-address"}, AccountCode.EMAIL_INVALID),
        ({"mobile": "call me"}, AccountCode.MOBILE_INVALID),
    ],
)
def test_bad_values_are_refused_with_their_code_and_nothing_saved(people, changes, code):
    with pytest.raises(Refusal) as caught:
        _update(people.liaison, **changes)
    assert caught.value.code == code
    people.liaison.refresh_from_db()
    assert people.liaison.display_name == "张三" and people.liaison.email == ""
    assert not AuditEvent.objects.filter(action="user.profile_update").exists()


def test_an_unknown_language_is_refused(people):
    with pytest.raises(Exception, match="不支持的界面语言"):
        _update(people.liaison, language="fr")


def test_the_header_switch_keeps_the_language_on_the_account_once(people):
    language_set(user=people.liaison, language="en", actor=people.liaison)
    language_set(user=people.liaison, language="en", actor=people.liaison)  # no change, no entry
    people.liaison.refresh_from_db()
    assert people.liaison.language == "en"
    event = AuditEvent.objects.get(action="user.profile_update")
    assert (event.before, event.after) == ({"language": ""}, {"language": "en"})
