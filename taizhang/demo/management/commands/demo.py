"""`taizhang demo`: a fresh demo database with the two seed plans, demo accounts and years of progress,
then the server on 127.0.0.1:8000.

It starts from a fresh database, so it deletes one — but only a database it created itself: it leaves a
marker file beside the database, and refuses (exit 2) when a database exists without that marker. Run by
mistake with a production environment, it stops instead of wiping the office's data. Even its own demo
database is rebuilt only when asked: ``--reset`` (what ``make demo`` passes), or a "y" at the prompt when
run in a terminal; otherwise it stops (exit 2) and says so."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from taizhang.demo.accounts import ACCOUNTS, PASSWORD, make_accounts, make_regions
from taizhang.demo.governance import assessed_years, build_governance
from taizhang.demo.history import (
    date_as_issued,
    decompose_demo_lines,
    decompose_most_lines,
    finish_milestones,
    load_history,
)
from taizhang.demo.leaders import make_instructions
from taizhang.demo.links import build_links
from taizhang.demo.sources import build_sources
from taizhang.lib.i18n import said, said_lazy
from taizhang.plans.models import Plan

HERE = Path(__file__).resolve().parents[2]
# The district plan's 有关单位 follows the units it names (区财政局、区发改委等有关单位): the named ones.
# 上下贯通: the city's 2020—2024 plan comes before the districts' plans, which name it in their preambles
# and take the best suggested link of each task (--accept-links); city tasks no district task resembles
# are left uncovered.
PLANS = (
    ("plan_000_city_2008_2012.txt", "威海市", "city", "2008-2012", "year", [], False),
    ("plan_city_2020_2024.txt", "威海市", "city", "2020-2024", "quarter", [], False),
    (
        "plan_004_district_2020_2024.txt",
        "示范区",
        "district",
        "2020-2024",
        "quarter",
        ["有关单位=none"],
        True,
    ),
    ("plan_east_district_2020_2024.txt", "东区", "district", "2020-2024", "quarter", [], True),
)


class Command(BaseCommand):
    help = said_lazy(
        "演示数据：导入两个示例方案、创建演示账号和历年进展，并启动服务", "build the demo and serve it"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-serve", action="store_true", help=said("只建数据，不启动服务", "build only")
        )
        parser.add_argument("--addr", default="127.0.0.1:8000")
        parser.add_argument(
            "--reset",
            action="store_true",
            help=said("重建已有的演示数据库", "rebuild an existing demo database"),
        )

    def handle(self, *args, no_serve: bool, addr: str, reset: bool, **options):
        self._fresh_database(reset=reset)
        call_command("migrate", verbosity=0)
        city, district = make_regions()
        for name, region, level, period, cadence, wildcards, accept_links in PLANS:
            call_command(
                "import_plan",
                str(HERE / name),
                region=region,
                level=level,
                period=period,
                cadence=cadence,
                create_units=True,
                accept_suggestions=True,
                wildcard=wildcards,
                accept_links=accept_links,
                publish=True,
                verbosity=0,
            )
        make_accounts(city=city, district=district)
        office = _user("office")
        district_plan = Plan.objects.get(region=district)
        decompose_demo_lines(district_plan, units=["区纪委", "区委组织部"])
        for seed, plan in enumerate(Plan.objects.order_by("id")):
            date_as_issued(plan)
            decompose_most_lines(plan, seed=seed)
        for seed, plan in enumerate(Plan.objects.order_by("id")):
            count = load_history(plan, office=office, seed=seed)
            self.stdout.write(f"  {plan.title}: {plan.tasks.count()} 项任务，{count} 条进展报送")
        finish_milestones(district_plan)
        # The survey first: the year still being scored reads its 满意度 when governance computes it.
        survey_year = (assessed_years(district_plan) or [timezone.localdate().year - 1])[-1]
        self.stdout.write(build_sources(district_plan, office=office, year=survey_year))
        self.stdout.write(build_governance(district_plan, office=office))
        self.stdout.write(build_links(district_plan, office=office))
        self.stdout.write(make_instructions(district_plan))
        self._print_accounts()
        if not no_serve:
            call_command("runserver", addr, use_reloader=False)

    def _fresh_database(self, *, reset: bool) -> None:
        db = settings.DATABASES["default"]
        if connection.vendor != "sqlite":
            raise CommandError(
                said("演示只使用 SQLite，请取消 DATABASE_URL", "the demo runs on SQLite: unset DATABASE_URL")
            )
        path = Path(db["NAME"])
        marker = demo_marker(path)
        # An empty file is no one's data: settings create the database file empty (owner-only) at start.
        if path.exists() and path.stat().st_size > 0 and not marker.exists():
            raise CommandError(
                said(
                    f"{path} 不是演示程序创建的数据库，演示不会删除它；请为演示另设 TAIZHANG_DATA_DIR",
                    f"{path} was not created by the demo and will not be"
                    " deleted: give the demo its own TAIZHANG_DATA_DIR",
                ),
                returncode=2,
            )
        if path.exists() and path.stat().st_size > 0 and not (reset or self._confirmed(path)):
            raise CommandError(
                said(
                    f"{path} 已有演示数据；要删除并重建请加 --reset",
                    f"{path} holds a demo database already: add --reset to delete and rebuild it",
                ),
                returncode=2,
            )
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        if marker.exists():  # the demo's uploaded files go with its database: no row points to them now
            shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        # owner-only, as settings make it
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        marker.write_text("taizhang demo: this database is the demo's and is rebuilt on every run\n")
        self.stdout.write(said(f"演示数据库：{path}", f"demo database: {path}"))

    def _confirmed(self, path: Path) -> bool:
        """Asked in a terminal only; a script or a pipe gets the refusal and its hint."""
        if not sys.stdin.isatty():
            return False
        answer = input(f"删除并重建 {path} 的演示数据？/ delete and rebuild the demo data in {path}? [y/N] ")
        return answer.strip().lower() in ("y", "yes", "是")

    def _print_accounts(self) -> None:
        self.stdout.write(
            said(f"\n演示账号（密码均为 {PASSWORD}）", f"\nDemo accounts (every password is {PASSWORD})")
        )
        for a in ACCOUNTS:
            self.stdout.write(f"  {a.username:<15} {a.display_name}")
        self.stdout.write("")
        if settings.TAIZHANG_2FA_REQUIRED_ROLES:
            roles = ", ".join(settings.TAIZHANG_2FA_REQUIRED_ROLES)
            self.stdout.write(
                f"第二因素：{roles} 登录后须先启用动态口令（`make demo` 关闭此要求）/ "
                "these roles must enrol an authenticator first; "
                "`make demo` sets TAIZHANG_2FA_REQUIRED_ROLES= to skip it\n"
            )


def demo_marker(database: Path) -> Path:
    """The file that says the demo made ``database`` (and may delete it)."""
    return database.with_name(f"{database.name}.demo")


def _user(username: str):
    from taizhang.accounts.models import User

    return User.objects.get(username=username)
