"""人员导入 in the background: the confirm queues the import (``onboarding_enqueue``) with the checked file in
the job's parameters (at most 5 MB, read by whichever host runs the job), ``taizhang worker`` runs it
(``onboarding_job``: the same service, all rows or none) and the job's page shows its progress, then the
counts and the way back to 人员导入, where the initial passwords wait for one download
(``onboarding_passwords_take``) by the administrator who asked, for an hour."""

from __future__ import annotations

import base64
import hashlib
import io
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from taizhang.accounts.models import User
from taizhang.administration.onboarding.handover import seal, unseal
from taizhang.administration.onboarding.passwords import Handover
from taizhang.administration.onboarding.service import OnboardingError, onboarding_import
from taizhang.audit.services import audit_record
from taizhang.background.models import Job
from taizhang.background.services import job_enqueue, job_forget
from taizhang.lib.sheets import Problem
from taizhang.units.models import Region

KIND = "onboarding.import"
KEEP = timedelta(hours=1)  # the initial passwords wait this long after the import for their download
DONE = gettext_noop("导入完成：新建账号 %(created)d 个，更新 %(updated)d 个，新建单位 %(units)d 个。")


def onboarding_enqueue(
    *, actor: User, region: Region, data: bytes, name: str, create_units: bool, update_existing: bool
) -> tuple[Job, bool]:
    """Queue the import of the previewed ``data`` into ``region``; the same file for the same region already
    queued or running is joined (a confirm pressed twice imports once)."""
    digest = hashlib.sha256(data).hexdigest()
    return job_enqueue(
        actor=actor,
        kind=KIND,
        scope=f"region:{region.pk}:{digest}",
        params={
            "title": gettext_noop("人员导入"),
            "region": region.pk,
            "name": name[:200],
            "data": base64.b64encode(data).decode(),
            "create_units": create_units,
            "update_existing": update_existing,
            "link": reverse("onboarding_import"),
            "link_label": gettext_noop("返回人员导入"),
        },
    )


def onboarding_job(job: Job, progress) -> dict:
    params = job.params
    try:
        region = Region.objects.filter(pk=params["region"]).first()
        if region is None:
            raise OnboardingError([Problem(None, "区划已不存在。", "The region no longer exists.")])
        result = onboarding_import(
            actor=job.requested_by,
            region=region,
            fileobj=io.BytesIO(base64.b64decode(params["data"])),
            dry_run=False,
            file_name=params["name"],
            create_units=params["create_units"],
            update_existing=params["update_existing"],
            progress=progress,  # rows made ready, outside the import's one short transaction
        )
    finally:
        job_forget(job, "data")  # the 通讯录 (names, mobiles) does not stay in the queue
    progress(len(result.rows), len(result.rows))
    done = {
        "message": gettext_noop(
            "导入完成：新建账号 %(created)d 个，更新 %(updated)d 个，新建单位 %(units)d 个。"
        ),
        "params": {"created": result.created, "updated": result.updated, "units": len(result.new_units)},
    }
    if result.passwords:
        done["passwords"] = seal(result.passwords, job_pk=job.pk)
    return done


def _waiting(user: User):
    return Job.objects.filter(kind=KIND, requested_by=user, state=Job.State.DONE, result__has_key="passwords")


def _take_off(job: Job) -> str:
    """The sealed passwords off ``job`` (locked by the caller): erased from its row, not only hidden."""
    sealed = job.result.pop("passwords")
    Job.objects.filter(pk=job.pk).update(result=job.result)
    return sealed


def onboarding_passwords_waiting(*, user: User) -> bool:
    return _waiting(user).filter(finished_at__gte=timezone.now() - KEEP).exists()


def onboarding_passwords_take(*, actor: User) -> list[Handover] | None:
    """The initial passwords of the actor's imports still waiting, once: taken off their jobs in the same
    transaction as the audit entry (``onboarding.passwords``, the count only). None when none waits (taken,
    past ``KEEP`` — those are erased too —, or not openable)."""
    cutoff, handed, expired = timezone.now() - KEEP, [], 0
    with transaction.atomic():
        jobs = list(_waiting(actor).select_for_update().order_by("finished_at", "pk"))
        for job in jobs:
            sealed = _take_off(job)
            opened = unseal(sealed, job_pk=job.pk) if job.finished_at >= cutoff else None
            if opened is None:
                expired += 1
            else:
                handed += opened
        if jobs:
            audit_record(
                actor=actor,
                action="onboarding.passwords",
                obj=jobs[-1],
                after={"accounts": len(handed), "imports": len(jobs), "expired": expired},
            )
    return handed or None


def onboarding_passwords_expire(*, today=None) -> int:
    """A step of ``taizhang tick`` (``jobs.steps``): erase the initial passwords nobody took within ``KEEP``
    of their import, so a sealed list never outlives its hour by more than a tick (the download erases the
    ones it finds, but an administrator may never come back). ``today`` is the tick's and not needed: the
    hour is counted from now. Returns how many imports' lists went."""
    cutoff = timezone.now() - KEEP
    with transaction.atomic():
        jobs = list(
            Job.objects.filter(kind=KIND, state=Job.State.DONE, result__has_key="passwords")
            .filter(finished_at__lt=cutoff)
            .select_for_update()
            .order_by("pk")
        )
        for job in jobs:
            _take_off(job)
        if jobs:
            audit_record(
                actor=None, action="onboarding.passwords_expired", obj=None, after={"imports": len(jobs)}
            )
    return len(jobs)
