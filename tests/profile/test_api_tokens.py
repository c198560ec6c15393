"""``api_token_create`` and ``api_token_revoke``, as the profile page and the command use them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from taizhang.accounts.codes import AccountCode
from taizhang.accounts.models import ApiToken
from taizhang.accounts.selectors import api_token_active
from taizhang.accounts.services import api_token_create, api_token_revoke
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal


def test_a_token_is_made_with_its_name_and_expiry_and_audited_without_its_text(people):
    expires = timezone.now() + timedelta(days=30)
    token, raw = api_token_create(
        user=people.liaison, name=" 数据对接 ", expires_at=expires, actor=people.liaison
    )
    assert token.name == "数据对接" and token.expires_at == expires
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.actor == people.liaison and raw not in str(event.after)


def test_an_administrator_gets_no_token(people):
    with pytest.raises(Refusal) as caught:
        api_token_create(user=people.sysadmin, name="脚本", actor=people.sysadmin)
    assert caught.value.code == AccountCode.TOKEN_FOR_ADMIN
    assert not ApiToken.objects.exists()


def test_a_disabled_account_gets_no_token(people):
    people.liaison.is_active = False
    people.liaison.save(update_fields=["is_active"])
    with pytest.raises(Refusal) as caught:
        api_token_create(user=people.liaison, name="脚本", actor=None)
    assert caught.value.code == AccountCode.TOKEN_FOR_INACTIVE


def test_a_blank_name_is_refused(people):
    with pytest.raises(Refusal) as caught:
        api_token_create(user=people.liaison, name="   ", actor=None)
    assert caught.value.code == AccountCode.TOKEN_NAME_REQUIRED


def test_an_expiry_beyond_the_setting_is_refused(people, settings):
    settings.TAIZHANG_API_TOKEN_MAX_DAYS = 90
    api_token_create(
        user=people.liaison, name="九十天", expires_at=timezone.now() + timedelta(days=90), actor=None
    )
    with pytest.raises(Refusal) as caught:
        api_token_create(
            user=people.liaison, name="九十一天", expires_at=timezone.now() + timedelta(days=91), actor=None
        )
    assert caught.value.code == AccountCode.TOKEN_TOO_LONG_LIVED
    assert ApiToken.objects.count() == 1


def test_revoking_stops_the_token_is_audited_and_cannot_be_done_twice(people):
    token, raw = api_token_create(user=people.liaison, name="脚本", actor=people.liaison)
    api_token_revoke(token=token, actor=people.liaison)
    assert api_token_active(raw) is None
    assert AuditEvent.objects.filter(action="api_token.revoke", actor=people.liaison).count() == 1
    with pytest.raises(Refusal) as caught:
        api_token_revoke(token=token, actor=people.liaison)
    assert caught.value.code == AccountCode.TOKEN_REVOKED
