"""Plain factory functions for domain objects. Each returns a saved object and makes whatever it needs;
pass an object to reuse it. Users and role grants go through the services, so their rules hold in tests."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from django.utils import timezone

from taizhang.accountability.models import AccountabilityCase, CaseFile
from taizhang.accounts.models import Role, User
from taizhang.accounts.services import role_grant, user_create
from taizhang.alerts.models import Alert
from taizhang.assessment.models import Indicator, Standard, StandardVersion
from taizhang.circulars.models import Circular, CircularKind
from taizhang.files.models import Attachment, Blob
from taizhang.inspections.models import Finding, FindingFile, Inspection
from taizhang.ledger.models import Assignment, Milestone
from taizhang.notifications.models import Notification
from taizhang.plans.models import Plan, Section, Task
from taizhang.rectification.models import RectificationFile, RectificationItem
from taizhang.regulations.models import Regulation
from taizhang.reports.latest import latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReportFile, ReviewState
from taizhang.rulemaking.models import RegulationVersion, RegulationVersionFile
from taizhang.supervision.models import OrderRecipient, OrderReplyFile, SupervisionOrder
from taizhang.units.models import Region, Unit

_seq = itertools.count(1)


def make_region(
    *, name: str | None = None, level: str = Region.Level.CITY, parent: Region | None = None
) -> Region:
    return Region.objects.create(name=name or f"测试市{next(_seq)}", level=level, parent=parent)


def make_unit(
    *,
    region: Region | None = None,
    name: str | None = None,
    short_name: str = "",
    kind: str = Unit.Kind.GOVERNMENT,
) -> Unit:
    n = next(_seq)
    return Unit.objects.create(
        region=region or make_region(), name=name or f"测试局{n}", short_name=short_name, kind=kind, order=n
    )


def make_user(
    *,
    unit: Unit | None = None,
    role: Role | None = None,
    region: Region | None = None,
    username: str | None = None,
    display_name: str = "",
    password: str | None = None,
) -> User:
    """A user of ``unit`` (a new one if omitted). With ``role``, granted over ``region`` when given,
    else over the user's unit."""
    unit = unit or make_unit(region=region)
    user = user_create(
        username=username or f"user{next(_seq)}",
        display_name=display_name or "测试用户",
        unit=unit,
        password=password,
        actor=None,
    )
    if role:
        role_grant(user=user, role=role, unit=None if region else unit, region=region, actor=None)
    return user


def make_plan(
    *,
    region: Region | None = None,
    status: str = Plan.Status.PUBLISHED,
    sections: int = 1,
    tasks_per_section: int = 2,
    **fields,
) -> Plan:
    """A plan with ``sections`` top-level sections of ``tasks_per_section`` tasks each."""
    published = status != Plan.Status.DRAFT
    plan = Plan.objects.create(
        title=fields.pop("title", f"测试方案{next(_seq)}"),
        level=fields.pop("level", Plan.Level.CITY),
        region=region or make_region(),
        period_start=fields.pop("period_start", 2021),
        period_end=fields.pop("period_end", 2025),
        status=status,
        published_at=timezone.now() if published else None,
        **fields,
    )
    order = itertools.count(1)
    numerals = "一二三四五六七八九十"
    for s in range(sections):
        section = Section.objects.create(
            plan=plan, number=numerals[s] if s < 10 else str(s + 1), title=f"第{s + 1}部分", order=next(order)
        )
        for t in range(1, tasks_per_section + 1):
            Task.objects.create(
                plan=plan,
                section=section,
                number=str(t),
                order=next(order),
                key=f"{section.number}/{t}",
                text=f"测试任务{section.number}.{t}",
            )
    return plan


def make_assignment(
    *, task: Task | None = None, unit: Unit | None = None, role: str = Assignment.Role.LEAD, **fields
) -> Assignment:
    """A ledger line; without ``task``, the first task of a new published plan in the unit's region."""
    unit = unit or make_unit()
    task = task or make_plan(region=unit.region).tasks.order_by("order").first()
    return Assignment.objects.create(task=task, unit=unit, role=role, **fields)


def make_report(
    *,
    assignment: Assignment | None = None,
    period_start: date = date(2021, 1, 1),
    period_end: date = date(2021, 3, 31),
    period_label: str = "2021年第一季度",
    **fields,
) -> ProgressReport:
    report = ProgressReport.objects.create(
        assignment=assignment or make_assignment(),
        period_start=period_start,
        period_end=period_end,
        period_label=period_label,
        **fields,
    )
    if report.review_state == ReviewState.ACCEPTED:  # as report_accept would
        latest_accepted_refresh(lines=[report.assignment_id])
        report.assignment.refresh_from_db(fields=["latest_accepted_status"])
    return report


def make_milestone(
    *, assignment: Assignment | None = None, title: str = "", due_date: date = date(2021, 6, 30), **fields
) -> Milestone:
    assignment = assignment or make_assignment()
    return Milestone.objects.create(
        assignment=assignment, title=title or f"进度目标{next(_seq)}", due_date=due_date, **fields
    )


def make_regulation(*, title: str = "", region: Region | None = None, **fields) -> Regulation:
    return Regulation.objects.create(title=title or f"测试制度{next(_seq)}", region=region, **fields)


def make_regulation_version(*, regulation: Regulation | None = None, **fields) -> RegulationVersion:
    regulation = regulation or make_regulation()
    number = regulation.versions.count() + 1
    return RegulationVersion.objects.create(
        regulation=regulation,
        number=number,
        created_by=fields.pop("created_by", None) or make_user(),
        **fields,
    )


def make_standard_version(
    *,
    region: Region | None = None,
    created_by: User | None = None,
    state: str = StandardVersion.State.RELEASED,
) -> StandardVersion:
    """A released standard with one group (1) holding an automatic (1.1, task completion, 60 points) and a
    manual (1.2, 40 points) indicator."""
    created_by = created_by or make_user()
    standard = Standard.objects.create(
        region=region or make_region(), name=f"考核标准{next(_seq)}", created_by=created_by
    )
    version = StandardVersion.objects.create(standard=standard, number=1, state=state, created_by=created_by)
    group = Indicator.objects.create(
        version=version, order=1, code="1", name="责任落实", method=Indicator.Method.GROUP, max_points=100
    )
    Indicator.objects.create(
        version=version, parent=group, order=2, code="1.1", name="任务完成", method=Indicator.Method.AUTO,
        metric="task_completion", max_points=60,
    )  # fmt: skip
    Indicator.objects.create(
        version=version, parent=group, order=3, code="1.2", name="工作实绩", method=Indicator.Method.MANUAL,
        max_points=40,
    )  # fmt: skip
    return version


def make_alert(
    *, unit: Unit | None = None, rule: str = "milestone_overdue", level: str = "yellow", **fields
) -> Alert:
    unit = unit or make_unit()
    now = timezone.now()
    return Alert.objects.create(
        rule=rule,
        key=fields.pop("key", f"test:{next(_seq)}"),
        region=unit.region,
        unit=unit,
        level=level,
        summary=fields.pop("summary", f"预警{next(_seq)}"),
        raised_at=fields.pop("raised_at", now),
        refreshed_at=fields.pop("refreshed_at", now),
        **fields,
    )


def make_case(*, unit: Unit | None = None, created_by: User | None = None, **fields) -> AccountabilityCase:
    unit = unit or make_unit()
    return AccountabilityCase.objects.create(
        region=unit.region,
        unit=unit,
        title=fields.pop("title", f"问责案件{next(_seq)}"),
        opened_on=fields.pop("opened_on", date(2021, 6, 1)),
        created_by=created_by or make_user(),
        **fields,
    )


def make_order(
    *,
    units: list[Unit] | None = None,
    issuer: User | None = None,
    region: Region | None = None,
    state: str = SupervisionOrder.State.ISSUED,
    deadline: date = date(2021, 6, 30),
    **fields,
) -> SupervisionOrder:
    """A 督办单 with one OrderRecipient per unit in ``units`` (one new unit if omitted), issued by default."""
    units = units if units is not None else [make_unit(region=region)]
    region = region or (units[0].region if units else make_region())
    order = SupervisionOrder.objects.create(
        issuer=issuer or make_user(),
        region=region,
        title=fields.pop("title", f"督办单{next(_seq)}"),
        requirement=fields.pop("requirement", "按要求办理并回复"),
        deadline=deadline,
        state=state,
        issued_at=fields.pop("issued_at", None if state == SupervisionOrder.State.DRAFT else timezone.now()),
        **fields,
    )
    OrderRecipient.objects.bulk_create(OrderRecipient(order=order, unit=unit) for unit in units)
    return order


def make_inspection(
    *,
    region: Region | None = None,
    units: Sequence[Unit] = (),
    kind: str = Inspection.Kind.OPEN,
    created_by: User | None = None,
    start_date: date = date(2021, 5, 10),
    **fields,
) -> Inspection:
    inspection = Inspection.objects.create(
        kind=kind,
        title=fields.pop("title", f"督办检查{next(_seq)}"),
        region=region or (units[0].region if units else make_region()),
        covert=fields.pop("covert", kind == Inspection.Kind.COVERT),
        created_by=created_by or make_user(),
        start_date=start_date,
        **fields,
    )
    inspection.units.set(units)
    return inspection


def make_finding(
    *,
    inspection: Inspection | None = None,
    unit: Unit | None = None,
    created_by: User | None = None,
    **fields,
) -> Finding:
    unit = unit or make_unit()
    inspection = inspection or make_inspection(units=[unit])
    return Finding.objects.create(
        inspection=inspection,
        unit=unit,
        description=fields.pop("description", f"发现问题{next(_seq)}"),
        found_on=fields.pop("found_on", inspection.start_date),
        created_by=created_by or inspection.created_by,
        **fields,
    )


def make_rectification(
    *, finding: Finding | None = None, unit: Unit | None = None, deadline: date = date(2021, 9, 30), **fields
) -> RectificationItem:
    """An item for ``finding``'s unit, or for ``unit`` without a finding (a new finding if neither)."""
    if finding is None and unit is None:
        finding = make_finding()
    return RectificationItem.objects.create(
        finding=finding,
        unit=unit or finding.unit,
        title=fields.pop("title", f"整改事项{next(_seq)}"),
        deadline=deadline,
        created_by=fields.pop("created_by", None) or make_user(),
        **fields,
    )


def make_circular(
    *,
    region: Region | None = None,
    units: Sequence[Unit] = (),
    kind: str = CircularKind.INSPECTION,
    created_by: User | None = None,
    **fields,
) -> Circular:
    circular = Circular.objects.create(
        kind=kind,
        title=fields.pop("title", f"通报{next(_seq)}"),
        region=region or (units[0].region if units else make_region()),
        created_by=created_by or make_user(),
        **fields,
    )
    circular.units.set(units)
    return circular


def make_notification(
    *, recipient: User | None = None, dedup_key: str = "", subject: str = "测试消息", **fields
) -> Notification:
    return Notification.objects.create(
        recipient=recipient or make_user(),
        dedup_key=dedup_key or f"test:{next(_seq)}",
        subject=subject,
        **fields,
    )


# The owner keyword of ``make_evidence`` → the owner's file table and its foreign key there.
EVIDENCE_OWNERS: dict[str, tuple[type[Attachment], str]] = {
    "report": (ReportFile, "report"),
    "order_recipient": (OrderReplyFile, "recipient"),
    "finding": (FindingFile, "finding"),
    "rectification": (RectificationFile, "item"),
    "rectification_progress": (RectificationFile, "progress"),
    "accountability_case": (CaseFile, "case"),
    "regulation_version": (RegulationVersionFile, "version"),
}


def make_blob() -> Blob:
    """A stored-content row (no stored bytes) with a digest of its own."""
    n = next(_seq)
    return Blob.objects.create(
        sha256=f"{n:064x}", size=1, content_type="application/pdf", file=f"evidence/{n}"
    )


def make_evidence(*, uploaded_by: User | None = None, **owner) -> Attachment:
    """A file row (no stored bytes) in the table of the one owner given as a keyword (``EVIDENCE_OWNERS``),
    e.g. ``finding=…``. Given two owners, both go into the first one's table (to test that it refuses)."""
    table, _ = EVIDENCE_OWNERS[next(iter(owner))]
    return table.objects.create(
        blob=make_blob(),
        content_type="application/pdf",
        original_name="x.pdf",
        uploaded_by=uploaded_by or make_user(),
        **{EVIDENCE_OWNERS[key][1]: value for key, value in owner.items()},
    )
