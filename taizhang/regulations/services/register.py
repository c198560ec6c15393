"""Registering a regulation (登记制度) and editing its fields. Its status moves only through decisions and
versions (``rulemaking.lifecycle``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.regulations import checks
from taizhang.regulations.codes import RegulationCode
from taizhang.regulations.models import Regulation
from taizhang.regulations.selectors import may_manage
from taizhang.units.models import Region, Unit

FIELDS = ["title", "issuing_unit", "issued_on", "doc_number", "summary", "status", "region", "reviewed_on"]


def _clean(region, title, issuing_unit, issued_on, doc_number, summary) -> dict:
    title = checks.check_title(title)
    checks.check_issuing_unit(region, issuing_unit)
    checks.check_past(issued_on, field="issued_on")
    return {
        "title": title,
        "issuing_unit": issuing_unit,
        "issued_on": issued_on,
        "doc_number": checks.check_text(doc_number, field="doc_number", max_length=100),
        "summary": checks.check_text(summary, field="summary"),
    }


def regulation_create(
    *,
    actor: User | None,
    region: Region | None,
    title: str,
    status: str = Regulation.Status.IN_FORCE,
    issuing_unit: Unit | None = None,
    issued_on: date | None = None,
    doc_number: str = "",
    summary: str = "",
    check_access: bool = True,
) -> Regulation:
    """登记制度: a regulation in force or being drafted. The office of ``region`` registers any; the issuing
    unit's liaison or head its own unit's. ``check_access=False`` for system work (the plan-import link)."""
    if check_access:
        checks.require_register(actor, region, issuing_unit)
    if status not in checks.CREATABLE:
        raise ValidationError(
            {
                "status": said(
                    "新登记的制度只能是现行有效或起草中。", "A new regulation is in force or being drafted."
                )
            }
        )
    fields = _clean(region, title, issuing_unit, issued_on, doc_number, summary)
    with transaction.atomic():
        checks.check_unique(region, fields["title"])
        regulation = Regulation.objects.create(region=region, status=status, **fields)
        audit_record(
            actor=actor, action="regulation.create", obj=regulation, after=snapshot(regulation, fields=FIELDS)
        )
    return regulation


def regulation_update(
    *,
    actor: User,
    regulation: Regulation,
    expected_version: int,
    title: str,
    issuing_unit: Unit | None,
    issued_on: date | None,
    doc_number: str,
    summary: str,
) -> Regulation:
    """Edit the register's fields (not the status). The office of its region or the issuing unit; not once
    abolished. A unit cannot hand its regulation to another unit."""
    checks.require_edit(actor, regulation)
    if regulation.status == Regulation.Status.ABOLISHED:
        raise Refusal(
            RegulationCode.ABOLISHED, "制度已废止，不能修改。", "An abolished regulation cannot be changed."
        )
    if issuing_unit != regulation.issuing_unit and not may_manage(actor, regulation):
        # The issuing unit may edit, but not hand the regulation to another unit or to none.
        raise ValidationError(
            {
                "issuing_unit": said(
                    "制定单位只能由惩防办更改。", "Only the office may change the issuing unit."
                )
            }
        )
    fields = _clean(regulation.region, title, issuing_unit, issued_on, doc_number, summary)
    with transaction.atomic():
        checks.check_unique(regulation.region, fields["title"], exclude_pk=regulation.pk)
        before = snapshot(regulation, fields=FIELDS)
        save_versioned(regulation, expected_version=expected_version, **fields)
        audit_record(
            actor=actor,
            action="regulation.update",
            obj=regulation,
            before=before,
            after=snapshot(regulation, fields=FIELDS),
        )
    return regulation
