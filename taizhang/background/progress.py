"""A running job's progress (进度), the one way every handler reports it: ``background.runner`` hands each
handler a ``JobProgress`` for its job, the handler calls it with (done, total).

Each report that is written is one autocommitted update of the job's row (``services.job_progress``), on
the worker's own connection, so the job's page — on any host, any connection — sees it at once, on SQLite
and PostgreSQL alike. That holds only outside a transaction: a handler reports between its transactions
(the alerts' batches) or before and after its one short write (人员导入), never from inside one, where the
report would wait for the commit (and, on SQLite, queue behind the writer it is part of)."""

from __future__ import annotations

import time
from collections.abc import Callable

from taizhang.background.models import Job
from taizhang.background.services import job_progress

EVERY_S = 0.5  # at most one write each half second: a report per row of a fast job would be a write per row


class JobProgress:
    """``progress(done, total)`` for ``job``: the first report and the last (``done == total``) are always
    written, those between at most one each ``every`` seconds."""

    def __init__(self, job: Job, *, every: float = EVERY_S, clock: Callable[[], float] = time.monotonic):
        self.job, self.every, self.clock = job, every, clock
        self._written: float | None = None

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if self._written is not None and done < total and now - self._written < self.every:
            return
        job_progress(self.job, done, total)
        self._written = now
