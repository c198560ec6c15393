"""The whole review state machine: every step from every state, by the right and the wrong people.

Allowed steps move the report, keep a ReportStep and write an audit entry; refused ones change nothing.
"""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.reports.models import REVIEW_STEPS, ProgressReport, ReportStep
from taizhang.reports.workflow import report_accept, report_approve, report_return, report_submit
from tests.language import chinese_only

pytestmark = pytest.mark.django_db

STATES = ["draft", "submitted", "approved", "accepted", "returned"]


def _act(action, actor, report):
    kwargs = {"actor": actor, "report": report, "expected_version": report.version}
    if action == "return":
        return report_return(reason="请补充佐证材料", **kwargs)
    return {"submit": report_submit, "approve": report_approve, "accept": report_accept}[action](**kwargs)


# (state, action, who) → the state it moves to, or the refusal.
ALLOWED = {
    ("draft", "submit", "liaison"): "submitted",
    ("returned", "submit", "liaison"): "submitted",
    ("submitted", "approve", "head"): "approved",
    ("submitted", "return", "head"): "returned",
    ("approved", "accept", "office"): "accepted",
    ("approved", "return", "office"): "returned",
}
RIGHT_ROLE = {"submit": ["liaison"], "approve": ["head"], "accept": ["office"], "return": ["head", "office"]}
# Returning is the unit head's while the report waits for the unit, the office's once the unit approved it.
WRONG_RETURNER = {("submitted", "office"), ("approved", "head")}


def _cases():
    for state in STATES:
        for action, roles in RIGHT_ROLE.items():
            for who in ["liaison", "head", "office"]:
                if (state, action, who) in ALLOWED:
                    outcome = ALLOWED[(state, action, who)]
                elif who not in roles or (action == "return" and (state, who) in WRONG_RETURNER):
                    outcome = PermissionDenied
                else:
                    outcome = Refusal
                yield pytest.param(state, action, who, outcome, id=f"{state}-{action}-by-{who}")


def test_the_allowed_steps_are_exactly_the_models_review_steps():
    assert {(state, to) for (state, _, _), to in ALLOWED.items()} == {
        (a.value, b.value) for a, b in REVIEW_STEPS
    }


@pytest.mark.parametrize(("state", "action", "who", "outcome"), list(_cases()))
def test_every_step_from_every_state(request, state, action, who, outcome):
    report = request.getfixturevalue(state)
    actor = request.getfixturevalue(who)
    report = ProgressReport.objects.get(pk=report.pk)
    version, steps, events = report.version, ReportStep.objects.count(), AuditEvent.objects.count()
    if isinstance(outcome, str):
        moved = _act(action, actor, report)
        stored = ProgressReport.objects.get(pk=report.pk)
        assert moved.review_state == stored.review_state == outcome
        assert stored.version == version + 1
        step = ReportStep.objects.latest("id")
        assert (step.from_state, step.to_state, step.actor) == (state, outcome, actor)
        assert step.at is not None
        event = AuditEvent.objects.exclude(action="notification.create").latest(
            "id"
        )  # the step, not its messages
        assert (event.action, event.actor, event.object_id) == (f"report.{action}", actor, str(report.pk))
        assert (event.before["review_state"], event.after["review_state"]) == (state, outcome)
    else:
        with pytest.raises(outcome) as refused:
            _act(action, actor, report)
        assert chinese_only(str(refused.value))  # the default language only
        stored = ProgressReport.objects.get(pk=report.pk)
        assert (stored.review_state, stored.version) == (state, version)
        assert (ReportStep.objects.count(), AuditEvent.objects.count()) == (steps, events)


def test_the_whole_trail_is_kept_in_order(returned, liaison, head, office):
    report = report_submit(actor=liaison, report=returned, expected_version=returned.version)
    report = report_approve(actor=head, report=report, expected_version=report.version)
    report_accept(actor=office, report=report, expected_version=report.version)
    trail = [(s.from_state, s.to_state, s.reason) for s in report.steps.all()]
    assert trail == [
        ("draft", "submitted", ""),
        ("submitted", "returned", "佐证材料不全"),
        ("returned", "submitted", ""),
        ("submitted", "approved", ""),
        ("approved", "accepted", ""),
    ]
    actions = list(
        AuditEvent.objects.filter(object_type="reports.progressreport")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.create",
        "report.submit",
        "report.return",
        "report.submit",
        "report.approve",
        "report.accept",
    ]
