"""立即核对 in the background: the office admin's button queues the refresh of their regions
(``alerts_refresh_enqueue``), ``taizhang worker`` runs it (``alerts_refresh_job``) and the job's page shows
its progress, then the counts the button used to flash."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_noop

from taizhang.accounts.models import User
from taizhang.alerts.refresh import alerts_refresh
from taizhang.background.models import Job
from taizhang.background.services import job_enqueue

KIND = "alerts.refresh"


def alerts_refresh_enqueue(*, actor: User, region_ids: set[int], today: date) -> tuple[Job, bool]:
    """Queue the refresh of ``region_ids`` (the regions the office admin covers); a refresh of the same
    regions already queued or running is joined, not repeated."""
    regions = sorted(region_ids)
    return job_enqueue(
        actor=actor,
        kind=KIND,
        scope="regions:" + ",".join(map(str, regions)),
        params={"title": gettext_noop("立即核对"), "region_ids": regions, "today": today.isoformat()},
    )


def alerts_refresh_job(job: Job, progress) -> dict:
    result = alerts_refresh(
        today=date.fromisoformat(job.params["today"]),
        region_ids=set(job.params["region_ids"]),
        actor=job.requested_by,
        progress=progress,
    )
    return {
        "message": gettext_noop(
            "核对完成：新增预警 %(raised)d 条，升级 %(up)d 条，降级 %(down)d 条，解除 %(cleared)d 条。"
        ),
        "params": {
            "raised": len(result.raised),
            "up": len(result.escalated),
            "down": len(result.lowered),
            "cleared": len(result.cleared),
        },
        "link": reverse("alert_list"),
    }
