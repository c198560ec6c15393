"""The report pages on the town of tests/web/conftest.py (a quarterly plan, 2021–2025), with the clock
frozen on 5 April 2021 — the first quarter has ended and its report is due on 10 April — and uploads kept
in a folder of the test's own.

Model imports stay inside the fixtures: pytest loads this file before Django is set up when the folder is
named on the command line."""

from __future__ import annotations

from datetime import date

import pytest

from tests.web.reports.helpers import PDF, Q1
from tests.worlds import frozen_clock, media_root  # noqa: F401  (shared fixture)


@pytest.fixture
def clock(time_machine):
    """Call with a date to move the frozen clock there, at 10:00 in Shanghai."""
    return frozen_clock(time_machine, date(2021, 4, 5))


@pytest.fixture
def town(clock, town):
    """The town, with the clock frozen before anything happens in it."""
    return town


@pytest.fixture
def q1_draft(town):
    """Unit A's first-quarter draft on task 1, written by its liaison."""
    from taizhang.reports.periods import period_for
    from taizhang.reports.services import report_save_draft

    return report_save_draft(
        actor=town.liaison_a,
        assignment=town.line_a1,
        period=period_for(Q1, town.plan.report_cadence),
        status="in_progress",
        narrative="召开专题会议部署落实。",
    )


@pytest.fixture
def q1_evidence(town, q1_draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from taizhang.reports.services import evidence_add

    return evidence_add(report=q1_draft, upload=SimpleUploadedFile("会议纪要.pdf", PDF), actor=town.liaison_a)


@pytest.fixture
def q1_submitted(town, q1_draft):
    from taizhang.reports.workflow import report_submit

    return report_submit(actor=town.liaison_a, report=q1_draft, expected_version=q1_draft.version)


@pytest.fixture
def q1_approved(town, q1_submitted):
    from taizhang.reports.workflow import report_approve

    return report_approve(actor=town.head_a, report=q1_submitted, expected_version=q1_submitted.version)
