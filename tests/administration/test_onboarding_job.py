"""人员导入 as a background job: the job imports all rows or none, its progress reaches every row, the same
file confirmed twice is one job, a refused file leaves nothing (not even itself in the queue), and the
initial passwords are taken once, by the administrator who asked, within the hour, with an audit entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.accounts.services import profile_update
from taizhang.administration.onboarding.job import (
    onboarding_enqueue,
    onboarding_job,
    onboarding_passwords_expire,
    onboarding_passwords_take,
    onboarding_passwords_waiting,
)
from taizhang.audit.models import AuditEvent
from taizhang.audit.verify import chain_verify
from taizhang.background import runner
from taizhang.background.models import Job
from taizhang.background.progress import JobProgress
from taizhang.background.runner import run_queued
from taizhang.jobs.background import HANDLERS
from taizhang.jobs.steps import OVERDUE_STEPS
from tests.administration.conftest import workbook
from tests.elsewhere import elsewhere

pytestmark = pytest.mark.django_db
ROWS = [(f"甲区第{i % 4}局", f"人员{i}", f"person{i}", "联络员", "", "") for i in range(45)]


def _enqueue(district, data: bytes):
    return onboarding_enqueue(
        actor=district.admin, region=district.region, data=data, name="通讯录.xlsx", create_units=True,
        update_existing=False,
    )  # fmt: skip


def test_the_job_imports_every_row_and_its_progress_reaches_every_row(district):
    job, created = _enqueue(district, workbook(*ROWS).getvalue())
    seen = []
    result = onboarding_job(job, lambda done, total: seen.append((done, total)))
    assert created and User.objects.filter(username__startswith="person").count() == 45
    assert seen[0] == (0, 45) and seen[-1] == (45, 45) and seen == sorted(seen)
    assert result["params"] == {"created": 45, "updated": 0, "units": 4}
    assert "person1" not in result["passwords"] and "data" not in Job.objects.get(pk=job.pk).params


def test_the_same_file_confirmed_twice_is_one_job_and_one_import(district):
    data = workbook(*ROWS).getvalue()
    first, _ = _enqueue(district, data)
    again, created = _enqueue(district, data)
    assert again == first and not created
    assert run_queued(handlers=HANDLERS) == 1 and run_queued(handlers=HANDLERS) == 0
    assert User.objects.filter(username__startswith="person").count() == 45
    assert AuditEvent.objects.filter(action="onboarding.import").count() == 1


def test_a_refused_import_writes_nothing_and_keeps_no_file(district):
    User.objects.create(username="person44", display_name="已有")  # the last row: refused after 44 good ones
    job, _ = _enqueue(district, workbook(*ROWS).getvalue())
    run_queued(handlers=HANDLERS)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "data" not in job.params
    [(row, zh, en)] = job.result["problems"]  # both languages kept, for the page to show the reader's
    assert row == 48 and zh.startswith("账号“person44”已存在") and en.startswith("The account “person44”")
    assert User.objects.filter(username__startswith="person").count() == 1
    assert not AuditEvent.objects.filter(action__in=["onboarding.import", "user.onboard"]).exists()
    assert not onboarding_passwords_waiting(user=district.admin)


def test_the_passwords_are_taken_once_with_an_audit_entry_and_not_after_an_hour(district):
    run_first, _ = _enqueue(district, workbook(*ROWS[:3]).getvalue())
    run_queued(handlers=HANDLERS)
    assert onboarding_passwords_waiting(user=district.admin)
    handed = onboarding_passwords_take(actor=district.admin)
    assert [h.username for h in handed] == ["person0", "person1", "person2"]
    assert all(User.objects.get(username=h.username).check_password(h.password) for h in handed)
    assert onboarding_passwords_take(actor=district.admin) is None  # once
    assert "passwords" not in Job.objects.get(pk=run_first.pk).result  # erased, not only hidden
    event = AuditEvent.objects.get(action="onboarding.passwords")
    assert event.after["accounts"] == 3 and not any(h.password in str(event.after) for h in handed)

    late, _ = _enqueue(district, workbook(*ROWS[3:5]).getvalue())
    run_queued(handlers=HANDLERS)
    Job.objects.filter(pk=late.pk).update(finished_at=timezone.now() - timedelta(hours=2))
    assert not onboarding_passwords_waiting(user=district.admin)
    assert onboarding_passwords_take(actor=district.admin) is None
    assert "passwords" not in Job.objects.get(pk=late.pk).result  # an expired list is erased at the next take


def test_a_sealed_list_moved_to_another_job_does_not_open(district):
    first, _ = _enqueue(district, workbook(*ROWS[:2]).getvalue())
    second, _ = _enqueue(district, workbook(*ROWS[2:4]).getvalue())
    run_queued(handlers=HANDLERS)
    first.refresh_from_db()
    second.refresh_from_db()
    Job.objects.filter(pk=second.pk).update(result={**second.result, "passwords": first.result["passwords"]})
    Job.objects.filter(pk=first.pk).update(result={k: v for k, v in first.result.items() if k != "passwords"})
    assert onboarding_passwords_take(actor=district.admin) is None


def test_the_tick_erases_passwords_nobody_took_within_the_hour(district):
    """An administrator who never comes back: the tick's housekeeping erases the list after its hour, with an
    audit entry; a list still inside its hour stays for its download."""
    assert onboarding_passwords_expire in OVERDUE_STEPS
    old, _ = _enqueue(district, workbook(*ROWS[:2]).getvalue())
    run_queued(handlers=HANDLERS)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(minutes=61))
    fresh, _ = _enqueue(district, workbook(*ROWS[2:4]).getvalue())
    run_queued(handlers=HANDLERS)
    assert onboarding_passwords_expire() == 1
    assert "passwords" not in Job.objects.get(pk=old.pk).result
    assert "passwords" in Job.objects.get(pk=fresh.pk).result
    assert AuditEvent.objects.get(action="onboarding.passwords_expired").after == {"imports": 1}
    assert onboarding_passwords_expire() == 0  # nothing left to erase, no further entry
    assert [h.username for h in onboarding_passwords_take(actor=district.admin)] == ["person2", "person3"]


@pytest.mark.django_db(transaction=True)  # committed as the worker commits, read as another connection reads
def test_while_the_job_runs_its_progress_shows_elsewhere_and_a_users_save_goes_through(district, monkeypatch):
    """On SQLite and PostgreSQL alike: each progress report is on the job's row for any other connection
    at once, and a person saving their profile meanwhile is not kept waiting by the import."""
    seen = []

    class Watched(JobProgress):
        def __call__(self, done, total):
            super().__call__(done, total)
            shown = elsewhere(lambda: list(Job.objects.filter(pk=self.job.pk).values_list("done", "total")))
            saved = elsewhere(
                lambda: profile_update(
                    user=district.liaison1, display_name=f"保存{done}", email="", mobile="", language="",
                    actor=district.liaison1,
                ).display_name
            )  # fmt: skip
            seen.append((done, total, shown, saved))

    monkeypatch.setattr(runner, "JobProgress", lambda job: Watched(job, every=0))
    job, _ = _enqueue(district, workbook(*ROWS).getvalue())
    run_queued(handlers=HANDLERS)
    job.refresh_from_db()
    assert job.state == Job.State.DONE and User.objects.filter(username__startswith="person").count() == 45
    assert [s[:2] for s in seen] == [(0, 45), (20, 45), (40, 45), (45, 45), (45, 45)]
    assert all(shown == [(done, total)] and saved == f"保存{done}" for done, total, shown, saved in seen)
    assert chain_verify().ok
