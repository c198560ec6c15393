"""report_review_batch (批量审核): one decision on many reports, all or nothing — every report its own step
and audit entry in one transaction; any refused report refuses the batch, each refusal named, nothing
written."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.reports.batch import MAX_BATCH, BatchRefused, report_review_batch
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from tests.factories import make_assignment, make_plan, make_report, make_unit, make_user

pytestmark = pytest.mark.django_db

_S = ReviewState


@pytest.fixture
def desk():
    """One unit of a city with five lines, a report on each in the given states; its head; the office."""
    unit = make_unit()
    tasks = list(make_plan(region=unit.region, tasks_per_section=5).tasks.order_by("order"))

    def reports(*states):
        return [
            make_report(assignment=make_assignment(task=t, unit=unit), review_state=s)
            for t, s in zip(tasks[: len(states)], states, strict=True)
        ]

    office = make_user(unit=unit, role=Role.OFFICE_ADMIN, region=unit.region)
    return unit, reports, make_user(unit=unit, role=Role.UNIT_HEAD), office


def _items(reports):
    return [(r.pk, r.version) for r in reports]


def _states(reports):
    return [ProgressReport.objects.get(pk=r.pk).review_state for r in reports]


def test_the_office_passes_approved_reports_each_with_its_step_and_audit_entry(desk):
    _, reports, _, office = desk
    batch = reports(_S.APPROVED, _S.APPROVED, _S.APPROVED)
    decided = report_review_batch(actor=office, items=_items(batch), action="pass")
    assert len(decided) == 3 and _states(batch) == [_S.ACCEPTED] * 3
    for report in batch:
        assert ReportStep.objects.filter(report=report, to_state=_S.ACCEPTED, actor=office).count() == 1
        assert AuditEvent.objects.filter(action="report.accept", object_id=str(report.pk)).count() == 1


def test_a_unit_head_passes_submitted_reports_as_approved(desk):
    _, reports, head, _ = desk
    batch = reports(_S.SUBMITTED, _S.SUBMITTED)
    report_review_batch(actor=head, items=_items(batch), action="pass")
    assert _states(batch) == [_S.APPROVED] * 2


def test_one_reason_returns_them_all(desk):
    _, reports, _, office = desk
    batch = reports(_S.APPROVED, _S.APPROVED)
    report_review_batch(actor=office, items=_items(batch), action="return", reason="  请补充佐证材料。 ")
    assert _states(batch) == [_S.RETURNED] * 2
    assert {s.reason for s in ReportStep.objects.filter(to_state=_S.RETURNED)} == {"请补充佐证材料。"}
    assert AuditEvent.objects.filter(action="report.return").count() == 2


def test_a_mix_of_states_refuses_the_batch_naming_each_refused_report_and_writes_nothing(desk):
    _, reports, _, office = desk
    ok_1, waits_for_head, done, ok_2, stale = reports(
        _S.APPROVED, _S.SUBMITTED, _S.ACCEPTED, _S.APPROVED, _S.APPROVED
    )
    elsewhere = make_report(review_state=_S.APPROVED)  # another region's: not this office's to see
    items = [*_items([ok_1, waits_for_head, done, ok_2]), (stale.pk, stale.version + 1), (elsewhere.pk, 1)]
    with pytest.raises(BatchRefused) as refused:
        report_review_batch(actor=office, items=items, action="pass")
    reasons = {row.report_id: row.reason for row in refused.value.rows}
    assert set(reasons) == {waits_for_head.pk, done.pk, stale.pk, elsewhere.pk}
    assert "单位负责人" in reasons[waits_for_head.pk] or "审核" in reasons[waits_for_head.pk]
    assert "已通过" in reasons[done.pk]
    assert "报送不存在" in reasons[elsewhere.pk]
    assert "4" in refused.value.zh and "6" in refused.value.zh and refused.value.code == "batch_refused"
    # nothing half-written: the two valid reports were rolled back with the rest
    assert _states([ok_1, waits_for_head, done, ok_2, stale]) == [
        _S.APPROVED, _S.SUBMITTED, _S.ACCEPTED, _S.APPROVED, _S.APPROVED
    ]  # fmt: skip
    assert (
        not ReportStep.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="report.").exists()
    )


def test_a_unit_head_cannot_batch_accept_what_waits_for_the_office(desk):
    _, reports, head, _ = desk
    batch = reports(_S.APPROVED, _S.APPROVED)
    with pytest.raises(BatchRefused) as refused:
        report_review_batch(actor=head, items=_items(batch), action="pass")
    assert len(refused.value.rows) == 2 and _states(batch) == [_S.APPROVED] * 2


def test_a_liaison_cannot_batch_decide_their_own_reports(desk):
    unit, reports, _, _ = desk
    batch = reports(_S.SUBMITTED)
    with pytest.raises(BatchRefused):
        report_review_batch(actor=make_user(unit=unit, role=Role.LIAISON), items=_items(batch), action="pass")
    assert _states(batch) == [_S.SUBMITTED]


@pytest.mark.parametrize(
    ("items", "action", "reason", "code"),
    [
        ([], "pass", "", "batch_empty"),
        ([(1, 1)] * 1, "return", "   ", "reason_required"),
        ([(i, 1) for i in range(1, MAX_BATCH + 2)], "pass", "", "batch_too_large"),
    ],
)
def test_bad_batches_are_refused_before_anything_is_read(desk, items, action, reason, code):
    _, _, _, office = desk
    with pytest.raises(Refusal) as refused:
        report_review_batch(actor=office, items=items, action=action, reason=reason)
    assert refused.value.code == code and not isinstance(refused.value, PermissionDenied)


def test_a_report_ticked_twice_is_decided_once(desk):
    _, reports, _, office = desk
    (report,) = reports(_S.APPROVED)
    report_review_batch(actor=office, items=[(report.pk, report.version)] * 2, action="pass")
    assert ReportStep.objects.filter(report=report).count() == 1
