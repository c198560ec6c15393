"""Writes on accountability cases (问责): the office of the unit's region opens a case (立案) on its grounds,
decides the measures (作出处理) and closes it (结案); documents are evidence files owned by the case.

Every service: keyword-only arguments, checks first, one transaction with its audit entry. Wrong role →
``PermissionDenied``; a rule broken → ``Refusal`` (in the reader's language); a stale version → ``StaleEdit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from taizhang.accountability.codes import AccountabilityCode
from taizhang.accountability.models import AccountabilityCase, CaseFile
from taizhang.accountability.seal import decision_seal
from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.alerts.models import Alert
from taizhang.audit.services import audit_record, snapshot
from taizhang.files.checks import upload_check_all
from taizhang.files.services import attach
from taizhang.inspections.models import Finding
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.units.models import Unit

Case = AccountabilityCase
_FIELDS = [
    "region",
    "unit",
    "target",
    "person_name",
    "person_post",
    "title",
    "complaints",
    "surveys",
    "opened_on",
    "reaccountability",
    "state",
]


# What the office alone may do here, for ``accounts.checks.require_office_admin_of``'s refusal.
_HANDLES_CASES = {"doing": "办理问责案件", "doing_en": "handle accountability cases"}


def _check_state(case: Case, *allowed: str, doing: str, doing_en: str) -> None:
    if case.state not in allowed:
        raise Refusal(
            AccountabilityCode.WRONG_STATE,
            f"案件当前为“{case.get_state_display()}”，不能{doing}。",
            f"A case that is {case.state} cannot be {doing_en}.",
        )


def _check_day(day: date, *, not_before: date | None, what: str, what_en: str) -> None:
    if day > timezone.localdate():
        raise Refusal(
            AccountabilityCode.FUTURE, f"{what}不能晚于今天。", f"The {what_en} cannot be in the future."
        )
    if not_before and day < not_before:
        raise Refusal(
            AccountabilityCode.TOO_EARLY,
            f"{what}不能早于{not_before:%Y-%m-%d}。",
            f"The {what_en} cannot be before {not_before:%Y-%m-%d}.",
        )


def _check_grounds(unit: Unit, alerts: Sequence[Alert], findings: Sequence[Finding], regions) -> None:
    """Grounds are the unit's own warnings and findings, of inspections in the office's regions."""
    if any(a.unit_id != unit.pk for a in alerts) or any(
        f.unit_id != unit.pk or f.inspection.region_id not in regions for f in findings
    ):
        raise Refusal(
            AccountabilityCode.WRONG_GROUNDS,
            "问责依据须为被问责单位的预警或检查问题。",
            "The grounds must be the unit's own warnings and findings.",
        )


def case_open(
    *,
    actor: User,
    unit: Unit,
    title: str,
    opened_on: date,
    target: str = Case.Target.UNIT,
    person_name: str = "",
    person_post: str = "",
    alerts: Sequence[Alert] = (),
    findings: Sequence[Finding] = (),
    complaints: str = "",
    surveys: str = "",
    reaccountability: bool = False,
) -> Case:
    """立案: a case against ``unit`` (or its main leader, or another person named with their post)."""
    regions = region_ids_in_scope(actor, Role.OFFICE_ADMIN)
    require_office_admin_of(actor, unit.region_id, **_HANDLES_CASES)
    if target not in Case.Target.values:
        raise Refusal(AccountabilityCode.BAD_TARGET, "问责对象无效。", "Unknown target.")
    person_name, person_post = (person_name or "").strip(), (person_post or "").strip()
    if target != Case.Target.UNIT and not (person_name and person_post):
        raise Refusal(
            AccountabilityCode.PERSON_REQUIRED,
            "问责对象为个人时，请填写姓名和职务。",
            "Name the person and their post.",
        )
    if len(person_name) > 50 or len(person_post) > 100:
        raise Refusal(AccountabilityCode.TOO_LONG, "姓名或职务过长。", "The name or post is too long.")
    title = title.strip()
    if not title or len(title) > 200:
        raise Refusal(
            AccountabilityCode.BAD_TITLE, "请填写案由（不超过200字）。", "A title of at most 200 characters."
        )
    _check_day(opened_on, not_before=None, what="立案日期", what_en="opening date")
    _check_grounds(unit, alerts, findings, regions)
    complaints = clean_text(complaints, field="complaints", required=False, zh="投诉举报", en="Complaints")
    surveys = clean_text(surveys, field="surveys", required=False, zh="民意调查", en="Surveys")
    with transaction.atomic():
        case = Case.objects.create(
            region_id=unit.region_id,
            unit=unit,
            target=target,
            person_name=person_name if target != Case.Target.UNIT else "",
            person_post=person_post if target != Case.Target.UNIT else "",
            title=title,
            complaints=complaints,
            surveys=surveys,
            opened_on=opened_on,
            reaccountability=reaccountability,
            created_by=actor,
        )
        case.alerts.set(alerts)
        case.findings.set(findings)
        after = {
            **snapshot(case, fields=_FIELDS),
            "alerts": sorted(a.pk for a in alerts),
            "findings": sorted(f.pk for f in findings),
        }
        audit_record(actor=actor, action="case.open", obj=case, after=after)
    return case


def case_decide(
    *, actor: User, case: Case, measure: str, measure_detail: str, decided_on: date, expected_version: int
) -> Case:
    """作出处理: the measure taken (通报批评, 诫勉 …) with what was decided, on or after the opening date."""
    require_office_admin_of(actor, case.region_id, **_HANDLES_CASES)
    _check_state(case, Case.State.OPEN, doing="作出处理", doing_en="decided")
    if measure not in Case.Measure.values:
        raise Refusal(AccountabilityCode.BAD_MEASURE, "请选择问责方式。", "Choose the measure.")
    detail = clean_text(measure_detail, field="measure_detail", required=True, zh="处理情况", en="The detail")
    _check_day(decided_on, not_before=case.opened_on, what="处理日期", what_en="decision date")
    changes = {
        "state": Case.State.DECIDED,
        "measure": measure,
        "measure_detail": detail,
        "decided_on": decided_on,
    }
    with transaction.atomic():
        save_versioned(case, expected_version=expected_version, **changes)
        sealed = decision_seal(case)  # over the saved decision, with the person and the matter
        Case.objects.filter(pk=case.pk).update(decision_seal=sealed)
        case.decision_seal = sealed
        audit_record(
            actor=actor, action="case.decide", obj=case, before={"state": Case.State.OPEN}, after=changes
        )
    return case


def case_close(*, actor: User, case: Case, closed_on: date, expected_version: int) -> Case:
    """结案: a decided case is closed, on or after the decision date; no documents are added after it."""
    require_office_admin_of(actor, case.region_id, **_HANDLES_CASES)
    _check_state(case, Case.State.DECIDED, doing="结案", doing_en="closed")
    _check_day(closed_on, not_before=case.decided_on, what="结案日期", what_en="closing date")
    changes = {"state": Case.State.CLOSED, "closed_on": closed_on}
    with transaction.atomic():
        save_versioned(case, expected_version=expected_version, **changes)
        audit_record(
            actor=actor, action="case.close", obj=case, before={"state": Case.State.DECIDED}, after=changes
        )
    return case


def case_evidence_add(*, actor: User, case: Case, files: Sequence[UploadedFile]) -> list:
    """Documents of the case (立案审批表, 调查材料, 处理决定 …) while it is not closed."""
    require_office_admin_of(actor, case.region_id, **_HANDLES_CASES)
    _check_state(case, Case.State.OPEN, Case.State.DECIDED, doing="上传材料", doing_en="given documents")
    if not files:
        raise Refusal(AccountabilityCode.NO_FILES, "请选择要上传的文件。", "Choose a file to upload.")
    checked = upload_check_all(files)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        _check_state(
            locked, Case.State.OPEN, Case.State.DECIDED, doing="上传材料", doing_en="given documents"
        )
        return [attach(CaseFile, upload=upload, actor=actor, case=case) for upload in checked]
