"""A job's progress (``background.progress.JobProgress``): the first and the last report are always
written, those between at most one per interval, so a handler may report every row without a write per
row."""

from __future__ import annotations

import pytest

from taizhang.accounts.models import Role
from taizhang.background.models import Job
from taizhang.background.progress import JobProgress
from taizhang.background.services import job_claim, job_enqueue
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_reports_between_the_first_and_the_last_are_written_at_most_once_an_interval():
    job, _ = job_enqueue(actor=make_user(role=Role.OFFICE_ADMIN), kind="t", scope="", params={})
    job = job_claim(kinds=["t"])
    now = [100.0]
    progress = JobProgress(job, every=0.5, clock=lambda: now[0])

    def shown():
        return Job.objects.values_list("done", "total").get(pk=job.pk)

    progress(0, 10)
    assert shown() == (0, 10)
    now[0] += 0.1
    progress(3, 10)
    assert shown() == (0, 10)  # within the interval: not written
    now[0] += 0.5
    progress(4, 10)
    assert shown() == (4, 10)
    now[0] += 0.1
    progress(10, 10)
    assert shown() == (10, 10)  # the last, whenever it comes
