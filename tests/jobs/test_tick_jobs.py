"""The tick runs the background jobs no worker picked up (立即核对 waits at most one tick without a worker);
``taizhang worker --once`` runs them and exits."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from taizhang.alerts.tasks import alerts_refresh_enqueue
from taizhang.background.models import Job
from taizhang.jobs import steps
from tests.jobs import fake_rules

pytestmark = pytest.mark.django_db


def test_the_tick_runs_a_queued_refresh(people, no_channels, monkeypatch):
    monkeypatch.setattr(steps, "OVERDUE_STEPS", (fake_rules.mark_overdue,))
    monkeypatch.setattr(steps, "REMINDER_RULES", ())
    monkeypatch.setattr(steps, "CHECKS", ())
    job, _ = alerts_refresh_enqueue(
        actor=people.office, region_ids={people.region.pk}, today=date(2024, 3, 5)
    )
    call_command("tick", stdout=StringIO(), stderr=StringIO())
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result["params"]["raised"] == 0
    assert job.result["link"] == "/alerts/"
