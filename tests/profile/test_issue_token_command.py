"""``taizhang issue_token USERNAME --name NAME [--days N]``."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from taizhang.accounts.models import ApiToken
from taizhang.accounts.selectors import api_token_active
from taizhang.audit.models import AuditEvent


def test_the_token_is_printed_once_and_works(people, capsys):
    call_command("issue_token", people.liaison.username, "--name", "OA 对接", "--days", "90")
    out, err = capsys.readouterr()
    raw = out.strip()
    token = api_token_active(raw)
    assert token.user == people.liaison and token.name == "OA 对接"
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    assert "只显示这一次" in err and raw not in err


def test_without_days_the_token_does_not_expire_and_the_issue_is_audited(people, capsys):
    call_command("issue_token", people.liaison.username, "--name", "长期")
    assert ApiToken.objects.get().expires_at is None
    event = AuditEvent.objects.get(action="api_token.create")
    assert event.actor is None and event.source == "cmd:issue_token"
    assert capsys.readouterr().out.strip() not in str(event.after)


@pytest.mark.parametrize(
    ("who", "says"),
    [
        ("ghost", "没有这个用户：ghost"),
        ("sysadmin", "是管理员（三员），不使用 API 令牌"),
        ("nobody", "没有业务角色"),
        ("disabled", "账号已停用"),
    ],
)
def test_a_bad_account_exits_2_with_one_line_in_the_commands_language(people, who, says):
    if who == "disabled":
        people.other.is_active = False
        people.other.save(update_fields=["is_active"])
        username = people.other.username
    else:
        username = getattr(people, who).username if who != "ghost" else "ghost"
    with pytest.raises(CommandError) as caught:
        call_command("issue_token", username, "--name", "脚本")
    assert caught.value.returncode == 2
    assert says in str(caught.value) and " / " not in str(caught.value) and "\n" not in str(caught.value)
    assert not ApiToken.objects.exists()


def test_too_many_days_exits_2(people, settings):
    settings.TAIZHANG_API_TOKEN_MAX_DAYS = 30
    with pytest.raises(CommandError) as caught:
        call_command("issue_token", people.liaison.username, "--name", "脚本", "--days", "31")
    assert caught.value.returncode == 2 and "令牌有效期最长 30 天。" in str(caught.value)


def test_zero_days_exits_2(people):
    with pytest.raises(CommandError) as caught:
        call_command("issue_token", people.liaison.username, "--name", "脚本", "--days", "0")
    assert caught.value.returncode == 2
