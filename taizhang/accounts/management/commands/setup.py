"""``taizhang setup``: the first region and its system administrator (and, if asked, the security and audit
administrators), interactively or from flags for an automated install::

    taizhang setup                                   # asks for everything, passwords twice, not echoed
    taizhang setup --region 示范区 --level district --username sysadmin --display-name 王芳 \\
        --password-file /run/secrets/sysadmin [--security-admin secadmin] [--audit-admin auditor]

The system administrator's password comes from ``--password-file`` or ``TAIZHANG_SETUP_PASSWORD`` (never a
``--password`` flag, which shell history would keep). The security and audit administrators get a one-time
password printed once (changed at their first sign-in), or their own ``--…-password-file``. Run again, it
says what exists and changes nothing. Bad input: one line on stderr, exit 2, nothing written."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from taizhang.accounts.installation import AdminSpec, existing_admin, installation_setup
from taizhang.accounts.models import Role
from taizhang.audit.context import audit_source
from taizhang.lib.i18n import said, said_lazy
from taizhang.units.models import Region

EXIT_BAD_INPUT = 2
PASSWORD_ENV = "TAIZHANG_SETUP_PASSWORD"


def _bad(zh: str, en: str) -> CommandError:
    return CommandError(said(zh, en), returncode=EXIT_BAD_INPUT)


class Command(BaseCommand):
    help = said_lazy(
        "初始化：创建第一个区划和系统管理员", "first start: the first region and its system administrator"
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help=said("顶级区划名称", "name of the top region"))
        parser.add_argument("--level", choices=Region.Level.values, help="province | city | district")
        parser.add_argument(
            "--username", help=said("系统管理员用户名", "the system administrator's username")
        )
        parser.add_argument("--display-name", default="", help=said("系统管理员姓名", "their name"))
        parser.add_argument("--password-file", type=Path, help=f"密码文件（或环境变量 {PASSWORD_ENV}）")
        parser.add_argument(
            "--security-admin", help=said("安全管理员用户名", "security administrator's username")
        )
        parser.add_argument("--security-admin-password-file", type=Path)
        parser.add_argument("--audit-admin", help=said("审计管理员用户名", "audit administrator's username"))
        parser.add_argument("--audit-admin-password-file", type=Path)
        parser.add_argument(
            "--add-admin",
            action="store_true",
            help=said("在已初始化的系统中再添加管理员", "add to an installation"),
        )
        parser.add_argument("--no-input", action="store_true", help=said("从不提问", "never prompt"))

    def handle(self, *args, **options) -> None:
        self.stdin = options.get("stdin") or sys.stdin
        missing = not options["region"] or not options["username"]
        self.interactive = missing and not options["no_input"]
        if missing and not self.interactive:
            raise _bad("需要 --region 和 --username", "--region and --username are required")
        region = options["region"] or self._ask(said("顶级区划名称：", "top region name: "))
        level = options["level"] or (
            self._ask("级别 province/city/district [city]: ", default="city") if self.interactive else "city"
        )
        if level not in Region.Level.values:
            raise _bad(f"未知的区划级别：{level}", "level must be province, city or district")
        username = options["username"] or self._ask(
            said("系统管理员用户名：", "system administrator username: ")
        )
        name = options["display_name"] or (
            self._ask(said("姓名：", "name: "), default="") if self.interactive else ""
        )
        password = None
        if existing_admin(username) is None:
            password = self._password(options["password_file"], env=PASSWORD_ENV, who=username)
        admins = [AdminSpec(Role.SYSTEM_ADMIN, username, name, password)]
        for role, flag in ((Role.SECURITY_ADMIN, "security_admin"), (Role.AUDIT_ADMIN, "audit_admin")):
            other = options[flag]
            if other is None and self.interactive:
                other = self._ask(
                    said(f"{role.label}用户名（留空跳过）：", f"{role.name.lower()} username (blank: skip): ")
                )
            if other:
                file = options[f"{flag}_password_file"]
                admins.append(AdminSpec(role, other, "", self._read_file(file) if file else None))
        with audit_source("cmd:setup"):
            try:
                outcome = installation_setup(
                    region_name=region, level=level, admins=admins, add_admin=options["add_admin"]
                )
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages), returncode=EXIT_BAD_INPUT) from exc
        for line in outcome.done:
            self.stdout.write(line)
        for who, secret in outcome.one_time.items():
            self.stdout.write(
                said(
                    f"{who} 的一次性密码（只显示这一次，首次登录须修改）：{secret}",
                    f"one-time password of {who}, shown once: {secret}",
                )
            )

    # ---- input ----

    def _ask(self, prompt: str, *, default: str | None = None) -> str:
        self.stdout.write(prompt, ending="")
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            raise _bad("输入中断", "input ended")
        answer = line.strip()
        if not answer and default is None:
            raise _bad("不能为空", "an answer is required")
        return answer or (default or "")

    def _secret(self, prompt: str) -> str:
        if self.stdin is sys.stdin and sys.stdin.isatty():
            return getpass.getpass(prompt)
        self.stdout.write(prompt, ending="")
        line = self.stdin.readline()
        if not line:
            raise _bad("输入中断", "input ended")
        return line.rstrip("\r\n")

    def _password(self, file: Path | None, *, env: str, who: str) -> str:
        if file is not None:
            return self._read_file(file)
        if os.environ.get(env):
            return os.environ[env]
        if not self.interactive:
            raise _bad(
                f"需要密码：--password-file 或环境变量 {env}",
                f"a password is needed: --password-file or {env}",
            )
        first = self._secret(said(f"{who} 的密码：", f"password of {who}: "))
        if self._secret(said("再输入一次：", "again: ")) != first:
            raise _bad("两次输入的密码不一致", "the passwords do not match")
        if not first:
            raise _bad("密码不能为空", "a password is required")
        return first

    @staticmethod
    def _read_file(path: Path) -> str:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _bad(f"无法读取密码文件 {path}", f"cannot read the password file {path}") from exc
        password = text.splitlines()[0] if text.splitlines() else ""
        if not password:
            raise _bad(f"密码文件为空：{path}", f"the password file is empty: {path}")
        return password
