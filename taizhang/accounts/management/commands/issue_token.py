"""``taizhang issue_token USERNAME --name NAME [--days N]``: an API token for an integration account (an
account holding a business role: the API answers with that account's scope), printed once on stdout and
never again (only its digest is stored). Audited through ``api_token_create`` (source ``cmd:issue_token``,
no acting user). A missing, disabled, administrator or role-less account, or a refused name or expiry,
is one bilingual line on stderr and exit 2."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from taizhang.accounts.models import ADMIN_ROLES, BUSINESS_ROLES, User
from taizhang.accounts.selectors import has_role
from taizhang.accounts.services import api_token_create
from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.refusal import Refusal

EXIT_BAD_INPUT = 2


def _refuse(zh: str, en: str) -> CommandError:
    return CommandError(said(zh, en), returncode=EXIT_BAD_INPUT)


class Command(BaseCommand):
    help = said_lazy(
        "为对接账号发放 API 令牌，只显示一次", "issue an API token for an integration account (shown once)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="用户名（须有业务角色）")
        parser.add_argument("--name", required=True, help="令牌用途，例如：OA 系统对接")
        parser.add_argument("--days", type=int, help="有效天数；不写则不过期")

    def handle(self, *args, username: str, name: str, days: int | None, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise _refuse(f"没有这个用户：{username}", f"no such user: {username}")
        if not user.is_active:
            raise _refuse(f"账号已停用：{username}", f"the account is disabled: {username}")
        if has_role(user, *ADMIN_ROLES):
            raise _refuse(
                f"{username} 是管理员（三员），不使用 API 令牌",
                f"{username} is an administrator and gets no API token",
            )
        if not has_role(user, *BUSINESS_ROLES):
            raise _refuse(
                f"{username} 没有业务角色，令牌将无法访问接口；请先授予角色",
                f"{username} holds no business role, so the API would refuse the token; grant a role first",
            )
        if days is not None and days < 1:
            raise _refuse("有效天数至少为 1", "--days must be at least 1")
        expires_at = timezone.now() + timedelta(days=days) if days else None
        with audit_source("cmd:issue_token"):
            try:
                token, raw = api_token_create(user=user, name=name, expires_at=expires_at, actor=None)
            except Refusal as exc:
                raise CommandError(exc.one_line(), returncode=EXIT_BAD_INPUT) from exc
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages), returncode=EXIT_BAD_INPUT) from exc
        until = timezone.localtime(token.expires_at).strftime("%Y-%m-%d %H:%M") if token.expires_at else "—"
        self.stderr.write(
            said(
                f"已为 {username} 发放令牌“{token.name}”，有效期至 {until}；令牌只显示这一次：",
                f"token issued for {username}, valid until {until}; it is shown this once:",
            )
        )
        self.stdout.write(raw)
