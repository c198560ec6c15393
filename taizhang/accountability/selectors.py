"""Which accountability cases (问责案件) and documents a user may read, and the office's 再问责 list. Out of
scope → 404.

The office side of a region (office admins, leaders, inspectors through a region grant) reads every case of
the region and below, with its grounds and documents; only its office admins write. A unit reads the cases
against itself once decided (已作出处理, 已结案) — the title, target, measure and dates, the warnings and the
findings it may read itself — never the complaints or survey text, the documents, nor a case still under
investigation.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from taizhang.accountability.models import AccountabilityCase, CaseFile
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_scope_q
from taizhang.alerts.models import Alert, Level, Required
from taizhang.inspections.models import Finding
from taizhang.inspections.selectors import finding_visible_q

State = AccountabilityCase.State


def case_visible_q(user: User) -> Q:
    office_side = Q(region_id__in=sorted(region_ids_in_scope(user, *OFFICE_SIDE)))
    return office_side | (unit_scope_q(user) & ~Q(state=State.OPEN))


def is_office_side(user: User, case: AccountabilityCase) -> bool:
    """Whether ``user`` reads the case whole (grounds in words, documents)."""
    return case.region_id in region_ids_in_scope(user, *OFFICE_SIDE)


def may_write(user: User, case: AccountabilityCase) -> bool:
    return case.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


def case_list(*, user: User, state: str | None = None) -> QuerySet[AccountabilityCase]:
    cases = AccountabilityCase.objects.filter(case_visible_q(user))
    if state:
        cases = cases.filter(state=state)
    return cases.select_related("unit", "region").order_by("-opened_on", "-pk")


def case_get(*, user: User, pk: int) -> AccountabilityCase:
    case = case_list(user=user).select_related("created_by").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def case_findings(*, user: User, case: AccountabilityCase) -> QuerySet[Finding]:
    """The case's findings the user may read (a unit does not learn of an unpublished covert visit here)."""
    return (
        case.findings.filter(finding_visible_q(user)).select_related("inspection").order_by("found_on", "pk")
    )


def case_evidence_get(*, user: User, pk: int) -> CaseFile:
    """A document of a case the user reads on the office side; 404 for anyone else and other files."""
    cases = AccountabilityCase.objects.filter(region_id__in=sorted(region_ids_in_scope(user, *OFFICE_SIDE)))
    evidence = CaseFile.objects.filter(pk=pk, case__in=cases.values("pk")).first()
    if evidence is None:
        raise Http404
    return evidence


def reaccountability_due(*, user: User, today: date) -> QuerySet[Alert]:
    """再问责: the open warnings of the user's office-side regions at red, or whose requirement is a case,
    raised more than ``TAIZHANG_ACCOUNTABILITY_DUE_DAYS`` days before ``today`` and linked to no case —
    the cases due under the rules and not opened. Longest overdue first."""
    due_day = today - timedelta(days=settings.TAIZHANG_ACCOUNTABILITY_DUE_DAYS)
    raised_before = timezone.make_aware(datetime.combine(due_day, time.min))
    return (
        Alert.objects.filter(
            Q(level=Level.RED) | Q(required=Required.CASE),
            region_id__in=sorted(region_ids_in_scope(user, *OFFICE_SIDE)),
            state=Alert.State.OPEN,
            raised_at__lt=raised_before,
            cases__isnull=True,
        )
        .select_related("unit")
        .order_by("raised_at", "pk")
    )
