"""``taizhang setup``: the first region and administrators, from flags, environment or prompts; idempotent;
weak or missing input refused with exit 2 and nothing written; never a superuser; audited as cmd:setup."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.audit.models import AuditEvent
from taizhang.units.models import Region

pytestmark = pytest.mark.django_db

GOOD = "Strong-pass-2024"


def _run(*args, stdin: str | None = None, **kwargs) -> str:
    out = io.StringIO()
    if stdin is not None:
        kwargs["stdin"] = io.StringIO(stdin)
    call_command("setup", *args, stdout=out, **kwargs)
    return out.getvalue()


def _flags(tmp_path, username="sysadmin", password=GOOD, *more):
    secret = tmp_path / f"{username}.pw"
    secret.write_text(password + "\n", encoding="utf-8")
    return ["--region", "示范区", "--level", "district", "--username", username, "--display-name", "王芳",
            "--password-file", str(secret), *more]  # fmt: skip


def test_flags_create_the_region_and_a_system_admin_who_is_no_superuser(tmp_path):
    out = _run(*_flags(tmp_path))
    region = Region.objects.get(name="示范区", parent=None)
    assert region.level == "district"
    admin = User.objects.get(username="sysadmin")
    assert admin.display_name == "王芳" and admin.check_password(GOOD)
    assert not admin.is_superuser and not admin.is_staff and not admin.must_change_password
    assert list(RoleGrant.objects.filter(user=admin).values_list("role", "region")) == [
        (Role.SYSTEM_ADMIN, region.pk)
    ]
    assert not User.objects.filter(is_superuser=True).exists()
    assert "已创建" in out


def test_setup_is_audited_without_an_actor_from_cmd_setup(tmp_path):
    _run(*_flags(tmp_path))
    events = AuditEvent.objects.filter(action__in=["region.create", "user.create", "role.grant"])
    assert events.count() == 3
    assert {(e.actor_id, e.source) for e in events} == {(None, "cmd:setup")}


def test_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("TAIZHANG_SETUP_PASSWORD", GOOD)
    _run("--region", "示范区", "--level", "city", "--username", "root2")
    assert User.objects.get(username="root2").check_password(GOOD)


def test_running_again_changes_nothing_and_says_so(tmp_path):
    _run(*_flags(tmp_path))
    before = AuditEvent.objects.count()
    out = _run(*_flags(tmp_path))
    assert "已存在" in out and "已创建" not in out
    assert AuditEvent.objects.count() == before
    assert User.objects.count() == 1 and Region.objects.count() == 1


def test_another_system_admin_is_refused_unless_add_admin(tmp_path):
    _run(*_flags(tmp_path))
    with pytest.raises(CommandError) as refused:
        _run(*_flags(tmp_path, "someone_else"))
    assert refused.value.returncode == 2 and "--add-admin" in str(refused.value)
    assert not User.objects.filter(username="someone_else").exists()
    _run(*_flags(tmp_path, "someone_else"), "--add-admin")
    assert RoleGrant.objects.filter(user__username="someone_else", role=Role.SYSTEM_ADMIN).exists()


@pytest.mark.parametrize("weak", ["short1A!", "alllowercaseletters", "1234567890123"])
def test_a_weak_password_exits_2_and_writes_nothing(tmp_path, weak):
    with pytest.raises(CommandError) as refused:
        _run(*_flags(tmp_path, password=weak))
    assert refused.value.returncode == 2
    message = str(refused.value)  # one line, in the command's language (Chinese)
    assert "\n" not in message and message.startswith("密码不符合要求") and "too weak" not in message
    assert not Region.objects.exists() and not User.objects.exists() and not AuditEvent.objects.exists()


def test_no_password_and_no_prompting_exits_2(monkeypatch):
    monkeypatch.delenv("TAIZHANG_SETUP_PASSWORD", raising=False)
    with pytest.raises(CommandError) as refused:
        _run("--region", "示范区", "--username", "sysadmin", "--no-input")
    assert refused.value.returncode == 2 and not User.objects.exists()


def test_missing_region_without_prompts_exits_2():
    with pytest.raises(CommandError) as refused:
        _run("--username", "sysadmin", "--no-input")
    assert refused.value.returncode == 2


def test_a_region_of_the_same_name_at_another_level_is_refused(tmp_path):
    _run(*_flags(tmp_path))
    args = _flags(tmp_path)
    args[args.index("district")] = "city"
    with pytest.raises(CommandError) as refused:
        _run(*args)
    assert refused.value.returncode == 2


def test_interactive_prompts_read_from_stdin_with_the_password_twice():
    answers = "\n".join(["示范区", "district", "sysadmin", "王芳", GOOD, GOOD, "secadmin", "auditor", ""])
    out = _run(stdin=answers)
    assert User.objects.get(username="sysadmin").check_password(GOOD)
    for username, role in (("secadmin", Role.SECURITY_ADMIN), ("auditor", Role.AUDIT_ADMIN)):
        user = User.objects.get(username=username)
        assert user.must_change_password
        assert RoleGrant.objects.filter(user=user, role=role).exists()
        assert f"{username} 的一次性密码" in out
    assert GOOD not in out  # the chosen password is never printed


def test_interactive_passwords_that_differ_exit_2():
    answers = "\n".join(["示范区", "district", "sysadmin", "王芳", GOOD, GOOD + "x", ""])
    with pytest.raises(CommandError) as refused:
        _run(stdin=answers)
    assert refused.value.returncode == 2 and not User.objects.exists()


def test_security_and_audit_admins_from_flags_get_one_time_passwords_printed_once(tmp_path):
    out = _run(*_flags(tmp_path), "--security-admin", "secadmin", "--audit-admin", "auditor")
    lines = [line for line in out.splitlines() if "一次性密码" in line]
    assert len(lines) == 2
    secret = lines[0].rsplit("：", 1)[1]
    assert User.objects.get(username="secadmin").check_password(secret)
    again = _run(*_flags(tmp_path), "--security-admin", "secadmin", "--audit-admin", "auditor")
    assert "一次性密码" not in again  # shown once: a rerun makes no new one


def test_an_admin_own_password_file_is_used_and_not_forced_to_change(tmp_path):
    own = tmp_path / "sec.pw"
    own.write_text("Another-pass-99\n", encoding="utf-8")
    _run(*_flags(tmp_path), "--security-admin", "secadmin", "--security-admin-password-file", str(own))
    user = User.objects.get(username="secadmin")
    assert user.check_password("Another-pass-99") and not user.must_change_password


def test_an_existing_business_account_is_not_made_an_admin(tmp_path):
    _run(*_flags(tmp_path))
    User.objects.create(username="zhangsan")
    with pytest.raises(CommandError) as refused:
        _run(*_flags(tmp_path), "--security-admin", "zhangsan")
    assert refused.value.returncode == 2
    assert not RoleGrant.objects.filter(user__username="zhangsan").exists()
