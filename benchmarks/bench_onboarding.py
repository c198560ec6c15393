"""Onboarding (人员导入) of 2,000 people and the 200 units they name, from a generated 通讯录 .xlsx, through
the service as the page calls it: parse (read the sheet), preview (a dry run: every check against
the database), confirm (what the request does: queue the job), the job (write units, accounts,
grants and audit entries in one transaction, as ``taizhang worker`` runs it) and the initial-
passwords .xlsx (taken off the job); seconds and queries for each, on SQLite and PostgreSQL
(``TAIZHANG_BENCH_DBS``). Half the units are already in the register (matched), half are new.
Initial passwords are hashed with the generated-password hasher, as in production."""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import databases

PEOPLE, UNITS = 2000, 200


def main() -> None:
    print(f"onboarding: {PEOPLE:,} people of {UNITS} units from one .xlsx; figures in s (queries)")
    results = []
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        for db in databases.chosen():
            result = databases.run_worker("benchmarks.bench_onboarding", db, (), Path(tmp))
            if result:
                results.append(result)
    for r in results:
        steps = ", ".join(f"{name} {s:.2f} s ({q:,})" for name, s, q in r["steps"])
        print(f"  {r['label']}: {steps}")


def _sheet() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["示范区惩防工作通讯录"])
    sheet.append(["单位名称", "姓名", "用户名", "职务", "手机号", "电子邮箱"])
    roles = ("联络员", "单位负责人", "联络员、单位负责人")
    for i in range(PEOPLE):
        unit = f"示范区第{i % UNITS + 1}局"
        sheet.append([unit, f"人员{i}", f"p{i:05d}", roles[i % 3], f"139{i:08d}", f"p{i}@example.gov.cn"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(*, label: str, results: Path) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from taizhang.accounts.models import Role
    from taizhang.accounts.services import role_grant, user_create
    from taizhang.administration.onboarding import onboarding_import
    from taizhang.administration.onboarding.job import onboarding_enqueue, onboarding_passwords_take
    from taizhang.administration.onboarding.passwords import write_passwords
    from taizhang.administration.onboarding.sheet import read_people
    from taizhang.background.models import Job
    from taizhang.background.runner import run_queued
    from taizhang.jobs.background import HANDLERS
    from taizhang.units.models import Region, Unit

    call_command("migrate", verbosity=0, interactive=False)
    region = Region.objects.create(name="示范区", level=Region.Level.DISTRICT)
    Unit.objects.bulk_create(
        Unit(region=region, name=f"示范区第{n}局", order=n) for n in range(1, UNITS // 2 + 1)
    )
    office = Unit.objects.create(region=region, name="示范区纪委", order=0)
    admin = user_create(username="sysadmin", display_name="系统管理员", unit=office, actor=None)
    role_grant(user=admin, role=Role.SYSTEM_ADMIN, region=region, actor=None)
    data = _sheet()
    steps: list[tuple[str, float, int]] = []
    kept: dict = {}

    def step(name: str, work: Callable[[], object]) -> None:
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            kept[name] = work()
            seconds = time.perf_counter() - started
        steps.append((name, seconds, len(queries)))
        print(f"  {label}: {name:<22} {seconds:7.2f} s  {len(queries):6,} queries", flush=True)

    def importing(dry_run: bool):
        return onboarding_import(actor=admin, region=region, fileobj=io.BytesIO(data), dry_run=dry_run)

    step("parse", lambda: read_people(io.BytesIO(data)))
    step("preview", lambda: importing(True))
    step(
        "confirm (queue)",
        lambda: onboarding_enqueue(
            actor=admin, region=region, data=data, name="bench.xlsx", create_units=True, update_existing=False
        ),
    )
    step("import job", lambda: run_queued(handlers=HANDLERS))
    job = Job.objects.get(pk=kept["confirm (queue)"][0].pk)
    assert job.state == Job.State.DONE and job.result["params"]["created"] == PEOPLE, job.error
    assert job.result["params"]["units"] == UNITS // 2
    step("passwords .xlsx", lambda: write_passwords(io.BytesIO(), onboarding_passwords_take(actor=admin)))
    results.write_text(json.dumps({"label": label, "steps": steps}))


if __name__ == "__main__":
    import django

    django.setup()
    label, results = sys.argv[1:3]
    run(label=label, results=Path(results))
