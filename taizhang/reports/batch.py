"""批量审核: one decision on many reports at once — pass them all, or return them all with one reason.

All or nothing (docs/decisions.md): each report takes its own step through the single-report services
(``workflow``: its role, state and version checked, its ``ReportStep`` and audit entry written) inside one
transaction; if any report is refused, the transaction is rolled back and ``BatchRefused`` lists every
refused report with its reason, so the reviewer sees exactly what was not done and nothing is half-decided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.accounts.models import User
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.reports.codes import ReportCode
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.selectors import report_visible_q
from taizhang.reports.workflow import report_accept, report_approve, report_return, return_reason

MAX_BATCH = 200  # four pages of the queue; more is a mistake, not a day's work
ACTIONS = ("pass", "return")


@dataclass(frozen=True, slots=True)
class RowRefusal:
    report_id: int
    reason: str  # "中文 / English", as the single-report refusal says it


class BatchRefused(Refusal):
    """Some reports of a batch were refused: ``rows`` says which and why; none was decided."""

    def __init__(self, rows: list[RowRefusal], total: int):
        n = len(rows)
        super().__init__(
            ReportCode.BATCH_REFUSED,
            f"所选 {total} 份报送中有 {n} 份不能处理，全部未处理，请取消勾选后重试。",
            f"{n} of the {total} selected reports cannot be decided; none was. Untick them and try again.",
        )
        self.rows = rows


def _forward(actor: User, report: ProgressReport, version: int) -> None:
    """通过 as the report's state asks: a submitted one is approved (its unit head), an approved one
    accepted (the office); any other state is refused by ``report_accept``."""
    if report.review_state == ReviewState.SUBMITTED:
        report_approve(actor=actor, report=report, expected_version=version)
    else:
        report_accept(actor=actor, report=report, expected_version=version)


def report_review_batch(
    *, actor: User, items: Sequence[tuple[int, int]], action: str, reason: str = ""
) -> list[ProgressReport]:
    """Decide each report of ``items`` (report id, the version the reviewer saw): ``pass`` approves or
    accepts it, ``return`` returns it with ``reason``. One transaction; every report its own step and audit
    entry. Refuses the whole batch (``BatchRefused``, nothing written) when any report is refused, unseen
    (not found) or decided by someone else meanwhile (stale)."""
    if action not in ACTIONS:
        raise Refusal(ReportCode.WRONG_STATE, "未知的审核操作。", "Unknown review action.")
    items = list(dict(items).items())  # a report ticked twice is decided once
    if not items:
        raise Refusal(ReportCode.BATCH_EMPTY, "请先勾选要处理的报送。", "Tick the reports to decide first.")
    if len(items) > MAX_BATCH:
        raise Refusal(
            ReportCode.BATCH_TOO_LARGE,
            f"一次最多处理 {MAX_BATCH} 份报送。",
            f"At most {MAX_BATCH} reports at a time.",
        )
    if action == "return":
        reason = return_reason(reason)  # one reason for all: refused once, not once per report
    found = ProgressReport.objects.filter(report_visible_q(actor), pk__in=[pk for pk, _ in items])
    found = found.select_related("assignment__task__plan", "assignment__unit")
    reports = {report.pk: report for report in found}
    refused: list[RowRefusal] = []
    decided: list[ProgressReport] = []
    with transaction.atomic():
        for pk, version in items:
            report = reports.get(pk)
            if report is None:
                refused.append(RowRefusal(pk, said("报送不存在或无权查看。", "No such report.")))
                continue
            try:
                with transaction.atomic():  # a refused report leaves nothing behind, even mid-step
                    if action == "return":
                        report_return(actor=actor, report=report, reason=reason, expected_version=version)
                    else:
                        _forward(actor, report, version)
            except (PermissionDenied, ValidationError, StaleEdit) as exc:
                refused.append(RowRefusal(pk, _message(exc)))
            else:
                decided.append(report)
        if refused:
            raise BatchRefused(refused, len(items))  # rolls back every step taken above
    return decided


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and not isinstance(exc, Refusal):
        return " ".join(exc.messages)
    return str(exc)
