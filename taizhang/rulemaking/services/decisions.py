"""立改废留: the office's decision to create, revise, abolish or retain a regulation, taken only with its
evaluation (评估), and for 立/改/废 its argumentation (论证) and legality review (审查) too, naming the
findings and rectification items that prompted it. The decision moves the status (``lifecycle``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.audit.services import audit_record, snapshot
from taizhang.inspections.models import Finding
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.rectification.models import RectificationItem
from taizhang.regulations import checks
from taizhang.regulations.codes import RegulationCode
from taizhang.regulations.models import Regulation
from taizhang.rulemaking import lifecycle
from taizhang.rulemaking.models import RegulationDecision

_NOTES = {
    "argumentation": ("论证意见", "The argumentation"),
    "legal_review": ("审查意见", "The legality review"),
}


def _check_kind(regulation: Regulation, kind: str) -> str:
    after = lifecycle.decision_result(regulation.status, kind)
    if after is None:
        label = RegulationDecision.Kind(kind).label if kind in RegulationDecision.Kind.values else kind
        raise Refusal(
            RegulationCode.KIND_NOT_ALLOWED,
            f"制度当前为“{regulation.get_status_display()}”，不能作出“{label}”的决定。",
            f"A regulation that is {regulation.status.replace('_', ' ')} cannot be decided “{kind}”.",
        )
    return after


def _check_triggers(actor: User, findings: Sequence[Finding], items: Sequence[RectificationItem]) -> None:
    """Triggers come from the regions the deciding office covers."""
    regions = region_ids_in_scope(actor, Role.OFFICE_ADMIN)
    if any(f.inspection.region_id not in regions for f in findings):
        raise ValidationError({"findings": said("所选问题不属于本地区。", "A finding of another region.")})
    if any(i.unit.region_id not in regions for i in items):
        raise ValidationError(
            {"rectifications": said("所选整改事项不属于本地区。", "An item of another region.")}
        )


def regulation_decide(
    *,
    actor: User,
    regulation: Regulation,
    kind: str,
    evaluation: str,
    decided_on: date,
    expected_version: int,
    argumentation: str = "",
    legal_review: str = "",
    findings: Sequence[Finding] = (),
    rectifications: Sequence[RectificationItem] = (),
) -> RegulationDecision:
    """Record the decision and move the regulation's status; 改 and 留 also mark it reviewed that day."""
    checks.require_manage(actor, regulation)
    _check_kind(regulation, kind)
    notes = {
        "evaluation": checks.check_text(evaluation, field="evaluation"),
        "argumentation": checks.check_text(argumentation, field="argumentation"),
        "legal_review": checks.check_text(legal_review, field="legal_review"),
    }
    if not notes["evaluation"]:
        raise ValidationError(
            {"evaluation": said("须先评估：请填写评估意见。", "Evaluate first: the evaluation is required.")}
        )
    if kind in lifecycle.NEEDS_FULL_NOTES:
        for field, (zh, en) in _NOTES.items():
            if not notes[field]:
                raise ValidationError(
                    {
                        field: said(
                            f"立、改、废须填写{zh}。", f"{en} is required to create, revise or abolish."
                        )
                    }
                )
    checks.check_past(decided_on, field="decided_on")
    _check_triggers(actor, findings, rectifications)
    with transaction.atomic():
        locked = Regulation.objects.select_for_update().get(pk=regulation.pk)
        after = _check_kind(locked, kind)
        decision = RegulationDecision.objects.create(
            regulation=locked, kind=kind, decided_on=decided_on, decided_by=actor, **notes
        )
        decision.findings.set(findings)
        decision.rectifications.set(rectifications)
        changes = {"status": after}
        if kind in lifecycle.REVIEWING:
            changes["reviewed_on"] = decided_on
        before = snapshot(locked, fields=list(changes))
        save_versioned(locked, expected_version=expected_version, **changes)
        audit_record(
            actor=actor,
            action=f"regulation.{kind}",
            obj=decision,
            before=before,
            after={
                **snapshot(decision),
                **snapshot(locked, fields=list(changes)),
                "findings": sorted(f.pk for f in findings),
                "rectifications": sorted(i.pk for i in rectifications),
            },
        )
    regulation.refresh_from_db()
    return decision
