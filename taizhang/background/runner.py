"""Running queued jobs: ``taizhang worker`` polls, ``taizhang tick`` drains what waits. The handlers are named
by the caller (``jobs.background.HANDLERS``: the layer that may import every app).

A handler takes the job and a ``progress(done, total)`` callback (``progress.JobProgress``: written at
once, on the worker's connection; call it outside a transaction) and returns the result the page shows:
``{"message": "<a Chinese msgid>", "params": {...}, "link": "/path/"}``. A ``Refusal`` fails the job with
its message (kept in both languages, with a sheet's problems and their rows, for the page to show in the
reader's); any other exception fails it with its type, logged — the worker goes on with the next."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from taizhang.audit.context import audit_source
from taizhang.background.models import Job
from taizhang.background.progress import JobProgress
from taizhang.background.services import job_claim, job_fail, job_finish
from taizhang.lib.refusal import Refusal

Handler = Callable[[Job, Callable[[int, int], None]], dict]
log = logging.getLogger(__name__)


def run_queued(*, handlers: Mapping[str, Handler], limit: int | None = None) -> int:
    """Run queued jobs of the ``handlers``' kinds, oldest first, until none waits (or ``limit`` ran)."""
    ran = 0
    while limit is None or ran < limit:
        job = job_claim(kinds=handlers)
        if job is None:
            break
        run_one(job, handlers[job.kind])
        ran += 1
    return ran


def run_one(job: Job, handler: Handler) -> None:
    with audit_source(f"job:{job.pk}"):
        try:
            result = handler(job, JobProgress(job))
        except Refusal as exc:
            problems = [[p.row, p.zh, p.en] for p in getattr(exc, "problems", ())]
            job_fail(job, str(exc), result={"refusal": [exc.zh, exc.en], "problems": problems})
        except Exception as exc:
            log.exception("background job %s (%s) failed", job.pk, job.kind)
            job_fail(job, f"{type(exc).__name__}: {exc}")
        else:
            job_finish(job, result)
