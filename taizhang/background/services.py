"""Writes on background jobs: queueing one (the page's action), claiming, progress, the end.

Every state change is a conditional update, so two workers cannot run one job, and a job is queued once
per kind and scope at a time (``Job``'s partial unique constraint)."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.background.models import Job
from taizhang.lib.i18n import said

STALE = timedelta(minutes=15)  # a running job without progress this long was cut off (its worker died)


def job_enqueue(*, actor: User, kind: str, scope: str, params: dict) -> tuple[Job, bool]:
    """Queue ``kind`` on ``scope`` for ``actor``; when the same kind and scope is already queued or running,
    that job and False (the action runs once, whoever pressed first)."""
    with transaction.atomic():
        running = Job.objects.filter(kind=kind, scope=scope, state__in=Job.ACTIVE).first()
        if running is not None:
            return running, False
        try:
            with transaction.atomic():
                job = Job.objects.create(kind=kind, scope=scope, params=params, requested_by=actor)
        except IntegrityError:  # queued by a parallel request between the check and the insert
            return Job.objects.get(kind=kind, scope=scope, state__in=Job.ACTIVE), False
        audit_record(actor=actor, action="job.enqueue", obj=job, after={"kind": kind, "scope": scope})
    return job, True


def job_claim(*, kinds) -> Job | None:
    """The oldest queued job of ``kinds``, now running for this caller; None when there is none. Jobs cut off
    (no progress for ``STALE``) are failed first, so their action can be started again."""
    now = timezone.now()
    for job in Job.objects.filter(state=Job.State.RUNNING, heartbeat_at__lt=now - STALE):
        _end(job, Job.State.FAILED, error=said("中断：执行进程已停止", "interrupted: its worker stopped"))
    for job in Job.objects.filter(state=Job.State.QUEUED, kind__in=list(kinds)).order_by("created_at", "id")[
        :10
    ]:
        claimed = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
            state=Job.State.RUNNING, started_at=now, heartbeat_at=now
        )
        if claimed:
            job.refresh_from_db()
            return job
    return None


def job_progress(job: Job, done: int, total: int) -> None:
    """Progress of a running job: one autocommitted update (no audit: the job's end is audited)."""
    Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
        done=done, total=total, heartbeat_at=timezone.now()
    )


def job_finish(job: Job, result: dict) -> None:
    _end(job, Job.State.DONE, result=result)


def job_fail(job: Job, error: str, *, result: dict | None = None) -> None:
    _end(job, Job.State.FAILED, result=result, error=error)


def job_forget(job: Job, *names: str) -> None:
    """Drop parameters the job no longer needs (an uploaded file it has read): nothing of them stays behind
    in the queue once the job is over, whatever its end."""
    params = {k: v for k, v in job.params.items() if k not in names}
    Job.objects.filter(pk=job.pk).update(params=params)
    job.params = params


def _end(job: Job, state: str, *, result: dict | None = None, error: str = "") -> None:
    with transaction.atomic():
        ended = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
            state=state, result=result or {}, error=error[:2000], finished_at=timezone.now()
        )
        if ended:
            job.refresh_from_db()
            audit_record(actor=None, action=f"job.{state}", obj=job, after={"kind": job.kind, "error": error})
