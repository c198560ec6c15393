"""Which ledger lines a user may read or edit. Out of scope → 404; in scope but read-only → 403.

A user sees the lines of the units their grants cover (their own unit; a region for leaders, inspectors and
the office) and, when their unit leads a task (牵头), every line of that task, so the lead unit sees what
its cooperating units (配合) wrote. Only the line's own unit (liaison, unit head) and the office edit it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Case, DateField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import unit_ids_in_scope, unit_scope_q
from taizhang.ledger.lights import annotate_lines
from taizhang.ledger.models import Assignment, CooperationRating, Milestone
from taizhang.ledger.rules import Color, Light, LightDay, traffic_light
from taizhang.plans.models import Plan, Section, Task
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import last_owed_start
from taizhang.units.models import Unit

# Roles that edit a unit's ledger lines; everyone else in scope reads them.
EDITOR_ROLES = (Role.LIAISON, Role.UNIT_HEAD, Role.OFFICE_ADMIN)
# A withdrawn plan's lines stay readable (closed: ``plans.services.plan_withdraw``).
_LIVE = (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED, Plan.Status.WITHDRAWN)


def assignment_visible_q(user: User, *, prefix: str = "") -> Q:
    """The lines ``user`` may read, as a filter on Assignment (or, with ``prefix="assignment__"``, on a
    model pointing at one). Lines of a draft plan are visible only to the office admins preparing it."""
    unit = f"{prefix}unit"
    led_tasks = Assignment.objects.filter(unit_scope_q(user, *UNIT_ROLES), role=Assignment.Role.LEAD).values(
        "task_id"
    )
    live = Q(**{f"{prefix}task__plan__status__in": _LIVE})
    drafting = unit_scope_q(user, Role.OFFICE_ADMIN, unit=unit) & Q(
        **{f"{prefix}task__plan__status": Plan.Status.DRAFT}
    )
    in_scope = unit_scope_q(user, unit=unit) | Q(**{f"{prefix}task_id__in": led_tasks})
    return (live & in_scope) | drafting


def assignment_list(*, user: User) -> QuerySet[Assignment]:
    """Lines the user may read, each with its milestones and the reports it sent prefetched, so
    ``assignment_light`` needs no further query (the latest accepted report's status is a column of the
    line, ``reports.latest``)."""
    return (
        Assignment.objects.filter(assignment_visible_q(user))
        .select_related("task__plan", "task__section", "unit")
        .prefetch_related("milestones", Prefetch("reports", queryset=_sent_reports(), to_attr="sent_reports"))
        .order_by("task__plan_id", "task__order", "unit__order", "unit_id")
    )


def may_edit_assignment(user: User, assignment: Assignment) -> bool:
    """The line's own unit (liaison, unit head) or an office admin covering it; never on an archived or
    withdrawn plan nor a closed line (已关闭), and a draft plan's lines only by the office."""
    status = assignment.task.plan.status
    if status in (Plan.Status.ARCHIVED, Plan.Status.WITHDRAWN) or assignment.closed_at is not None:
        return False
    roles = (Role.OFFICE_ADMIN,) if status == Plan.Status.DRAFT else EDITOR_ROLES
    return assignment.unit_id in unit_ids_in_scope(user, *roles)


def assignment_get(*, user: User, pk: int, for_edit: bool = False, light: bool = True) -> Assignment:
    """One line the user may read (404 otherwise; 403 with ``for_edit`` unless they may edit it).
    ``light=False``: without the milestones and reports sent that ``assignment_list`` prefetches for the
    light, for the pages that do not show it (a line's reports: two queries, some 40 reports, saved)."""
    lines = assignment_list(user=user)
    if not light:
        lines = lines.prefetch_related(None)
    try:
        assignment = lines.get(pk=pk)
    except Assignment.DoesNotExist:
        raise Http404 from None
    if for_edit and not may_edit_assignment(user, assignment):
        raise PermissionDenied
    return assignment


def task_assignments_visible(*, user: User, task: Task) -> QuerySet[Assignment]:
    """The lines of ``task`` the user may read: for the lead unit, every unit's line (its cooperating
    units' decomposition); for a cooperating unit, its own; for the office and leaders, those in their
    region. 404 when the user sees no line of the task."""
    lead_first = Case(When(role=Assignment.Role.LEAD, then=Value(0)), default=Value(1))
    lines = assignment_list(user=user).filter(task=task).order_by(lead_first, "unit__order", "unit_id")
    if not lines.exists():
        raise Http404
    return lines


def line_milestones(assignment: Assignment) -> Iterable[Milestone]:
    """The line's milestones: those ``attach_milestones`` set, else its (prefetched or queried) relation."""
    attached = getattr(assignment, "milestone_list", None)
    return attached if attached is not None else assignment.milestones.all()


@dataclass(frozen=True, slots=True)
class MilestoneDates:
    """What the light reads of a milestone (``rules._open_dates``, ``rules.is_decomposed``)."""

    title: str
    due_date: date
    done_date: date | None


def attach_milestones(lines: Iterable[Assignment], *, dates_only: bool = False) -> None:
    """Set ``milestone_list`` on ``lines``: one query. For long lists, in place of
    ``prefetch_related("milestones")``, which builds a queryset for every line it fills. ``dates_only``:
    ``MilestoneDates`` rows rather than model instances, for the tables that show the light only (the
    plan ledger, my tasks: some 280 milestones a page)."""
    lines = list(lines)
    found: dict[int, list] = {line.pk: [] for line in lines}
    milestones = Milestone.objects.filter(assignment_id__in=list(found))
    if dates_only:
        for line_id, *values in milestones.values_list("assignment_id", "title", "due_date", "done_date"):
            found[line_id].append(MilestoneDates(*values))
    else:
        for milestone in milestones:
            found[milestone.assignment_id].append(milestone)
    for line in lines:
        line.milestone_list = found[line.pk]


def _sent_reports() -> QuerySet[ProgressReport]:
    """Reports sent (any state but draft), as the light's ``missed`` rule counts them: their periods only."""
    sent = ProgressReport.objects.exclude(review_state=ReviewState.DRAFT)
    return sent.only("pk", "assignment_id", "period_start")


def line_sent(assignment: Assignment) -> list[date]:
    """The period starts of the line's reports sent — what the light's ``missed`` rule needs of them: those
    ``attach_sent`` set (the latest one up to the last period owed), or all of them, prefetched by
    ``assignment_list`` or else in one query."""
    attached = getattr(assignment, "sent_starts", None)
    if attached is not None:
        return attached
    prefetched = getattr(assignment, "sent_reports", None)
    if prefetched is not None:
        return [report.period_start for report in prefetched]
    return list(_sent_reports().filter(assignment=assignment).values_list("period_start", flat=True))


def attach_sent(lines: Iterable[Assignment], *, today: date) -> None:
    """Set ``sent_starts`` (what ``line_sent`` reads) on ``lines``: the latest period start, up to the last
    period the line's plan owes by ``today``, with a report sent — all the light's ``missed`` rule reads of
    them (``rules.last_sent_start``). One query per plan calendar (one for a plan's page), one row per line:
    a province's lines have sent some 40 reports each, and reading every period of every line cost more
    than the rest of the plan ledger's rows. The lines' task and plan must be loaded."""
    lines = list(lines)
    found: dict[int, list[date]] = {line.pk: [] for line in lines}
    cutoffs: dict[int, date | None] = {}  # by plan
    by_cutoff: dict[date, list[int]] = {}
    for line in lines:
        plan = line.task.plan
        if plan.pk not in cutoffs:
            cutoffs[plan.pk] = last_owed_start(plan, today=today)
        if (cutoff := cutoffs[plan.pk]) is not None:
            by_cutoff.setdefault(cutoff, []).append(line.pk)
    for cutoff, ids in by_cutoff.items():
        # A subquery per line rather than MAX … GROUP BY: it walks the line's index entries back from the
        # cutoff and stops at the first sent, where the aggregate reads all of them (~40 a line).
        sent = _sent_reports().filter(assignment_id=OuterRef("pk"), period_start__lte=cutoff)
        latest = (
            Assignment.objects.filter(pk__in=ids)
            .annotate(latest=Subquery(sent.order_by("-period_start").values("period_start")[:1]))
            .values_list("pk", "latest")
        )
        for line_id, start in latest:
            if start is not None:
                found[line_id].append(start)
    for line in lines:
        line.sent_starts = found[line.pk]


def with_latest_sent(lines: QuerySet[Assignment], *, plan: Plan, today: date) -> QuerySet[Assignment]:
    """``lines`` of ``plan`` annotated with ``latest_sent``: what ``attach_sent`` reads in a query of its
    own (the latest period start, up to the last period the plan owes by ``today``, with a report sent),
    as a subquery of the lines' own query; None for a line that sent none, or a plan that owes none."""
    cutoff = last_owed_start(plan, today=today)
    if cutoff is None:
        return lines.annotate(latest_sent=Value(None, output_field=DateField()))
    sent = _sent_reports().filter(assignment_id=OuterRef("pk"), period_start__lte=cutoff)
    return lines.annotate(latest_sent=Subquery(sent.order_by("-period_start").values("period_start")[:1]))


def assignment_light(
    assignment: Assignment, *, today: date | None = None, day: LightDay | None = None
) -> Light:
    """The line's traffic light today (or on ``today``), with the thresholds of the settings. Uses the
    milestones ``assignment_list`` prefetched (or ``attach_milestones`` set) and the reports sent that
    ``attach_sent`` set; on a bare row it queries them. ``day``: a ``rules.LightDay`` shared by the lines of
    a table (in place of ``today``)."""
    return traffic_light(
        assignment,
        line_milestones(assignment),
        day=day or LightDay(today or timezone.localdate()),
        sent=line_sent(assignment),
    )


# ---- The ledger pages: filters, latest reports, sections, edit rights for many lines at once ----

NO_REPORT = "none"  # the report-status filter's value for "nothing reported yet" (未报送)


@dataclass(frozen=True, slots=True)
class LedgerFilters:
    """What a plan's ledger is narrowed to; each field is off when empty. Filters only narrow: they apply
    to the lines ``assignment_list`` already allows.

    ``section`` takes the tasks under that heading at any depth. ``unit``, ``role``, ``report_status`` and
    ``overdue`` choose lines; ``q`` chooses tasks (their text, or the name of any unit the user sees on them),
    so a task found by a unit's name still shows its other units."""

    section: int | None = None
    unit: int | None = None
    role: str | None = None
    report_status: str | None = None  # a ProgressReport.Status value, or NO_REPORT
    overdue: bool = False
    q: str = ""


def with_latest_report(lines: QuerySet[Assignment], *, user: User) -> QuerySet[Assignment]:
    """Annotate ``latest_report_id``: the line's latest report by period that ``user`` may read (a draft
    only for its own unit — the rule stays in ``reports.selectors.report_visible_q``)."""
    from taizhang.reports.selectors import report_visible_q  # reports.selectors imports this module

    latest = ProgressReport.objects.filter(report_visible_q(user), assignment_id=OuterRef("pk"))
    return lines.annotate(latest_report_id=Subquery(latest.order_by("-period_start").values("pk")[:1]))


# What a report's badges show (``ledger_badges.report_badges``): a table of lines reads only these.
REPORT_BADGE_FIELDS = (
    "pk",
    "assignment_id",
    "period_start",
    "period_label",
    "status",
    "review_state",
    "late",
)


@dataclass(slots=True)
class ReportBadge:
    """A latest report as a table of lines shows it (``REPORT_BADGE_FIELDS``); the labels are set by
    ``ledger.views.common.displayed``."""

    pk: int
    assignment_id: int
    period_start: date
    period_label: str
    status: str
    review_state: str
    late: bool
    status_label: str = ""
    review_label: str = ""
    review_badge: str = ""


def attach_latest_reports(lines: Iterable[Assignment], *, badges_only: bool = False) -> None:
    """Set ``latest_report`` (a ProgressReport or None) on lines from ``with_latest_report``: one query.
    ``badges_only``: a ``ReportBadge`` of ``REPORT_BADGE_FIELDS`` only (not the narrative, nor the times,
    and no model instance), for the tables that show the badges of a page of lines."""
    lines = list(lines)
    ids = [line.latest_report_id for line in lines if line.latest_report_id]
    if badges_only:
        rows = ProgressReport.objects.filter(pk__in=ids).values_list(*REPORT_BADGE_FIELDS) if ids else ()
        reports = {row[0]: ReportBadge(*row) for row in rows}
    else:
        reports = ProgressReport.objects.in_bulk(ids)
    for line in lines:
        line.latest_report = reports.get(line.latest_report_id)


def red_lines(lines: QuerySet[Assignment], *, today: date, plan: Plan) -> QuerySet[Assignment]:
    """The lines of ``plan`` among ``lines`` whose light is red (``ledger.lights``, the rule in SQL): the
    plan ledger's 只看红灯 filter, the lines the dashboard lists as overdue."""
    return annotate_lines(lines, today=today, plans=[plan]).filter(light=Color.RED)


def _section_subtree(plan: Plan, section_id: int) -> set[int]:
    """``section_id`` and the sections below it, if it is a section of ``plan``; else nothing."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Section.objects.filter(plan=plan).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    in_plan = any(section_id in ids for ids in children.values())
    found, frontier = set(), [section_id] if in_plan else []
    while frontier:
        found.update(frontier)
        frontier = [child for pk in frontier for child in children.get(pk, [])]
    return found


def plan_ledger_lines(
    *, user: User, plan: Plan, filters: LedgerFilters = LedgerFilters(), today: date | None = None
) -> QuerySet[Assignment]:
    """The lines of ``plan`` (already checked with ``plans.selectors.plan_get``) that ``user`` may read,
    narrowed by ``filters``, with what ``assignment_list`` gives plus ``latest_report_id``."""
    role_rank = Case(
        When(role=Assignment.Role.LEAD, then=Value(0)),
        When(role=Assignment.Role.RESPONSIBLE, then=Value(1)),
        default=Value(2),
    )
    lines = with_latest_report(
        assignment_list(user=user)
        .filter(task__plan=plan)
        .order_by("task__order", role_rank, "unit__order", "pk"),
        user=user,
    )
    if filters.section is not None:
        lines = lines.filter(task__section_id__in=_section_subtree(plan, filters.section))
    if filters.unit is not None:
        lines = lines.filter(unit_id=filters.unit)
    if filters.role:
        lines = lines.filter(role=filters.role)
    if filters.report_status == NO_REPORT:
        lines = lines.filter(latest_report_id__isnull=True)
    elif filters.report_status:
        lines = lines.filter(
            latest_report_id__in=ProgressReport.objects.filter(status=filters.report_status).values("pk")
        )
    if filters.overdue:
        lines = red_lines(lines, today=today or timezone.localdate(), plan=plan)
    if q := filters.q.strip():
        by_unit = Assignment.objects.filter(
            assignment_visible_q(user),
            Q(unit__name__icontains=q) | Q(unit__short_name__icontains=q),
            task__plan=plan,
        ).values("task_id")
        lines = lines.filter(Q(task__text__icontains=q) | Q(task_id__in=by_unit))
    return lines


def own_unit_lines(*, user: User) -> QuerySet[Assignment]:
    """我的任务: the lines of the units the user acts for as liaison or unit head — not the cooperating
    units' lines a lead unit also reads, nor a region the user may inspect — with ``latest_report_id``."""
    return with_latest_report(assignment_list(user=user).filter(unit_scope_q(user, *UNIT_ROLES)), user=user)


def ledger_tasks(lines: QuerySet[Assignment]) -> QuerySet[Task]:
    """The tasks ``lines`` belong to, in document order: the rows of the plan ledger, to paginate."""
    return Task.objects.filter(pk__in=lines.values("task_id")).order_by("plan_id", "order")


def ledger_units(*, user: User, plan: Plan) -> QuerySet[Unit]:
    """The units with a line of ``plan`` the user may read, in the official order: the unit filter."""
    lines = Assignment.objects.filter(assignment_visible_q(user), task__plan=plan)
    return Unit.objects.filter(pk__in=lines.values("unit_id")).order_by("order", "name")


def section_paths(*, plan_ids: Iterable[int]) -> dict[int, list[str]]:
    """Section id → the headings from the outermost down to it (``一 总体要求`` …), for every section of the
    plans, in document order: one query. Structure, not scope — callers pass plans already checked."""
    rows = Section.objects.filter(plan_id__in=list(plan_ids)).order_by("plan_id", "order")
    by_id = {section.pk: section for section in rows}
    paths: dict[int, list[str]] = {}
    for pk, section in by_id.items():  # a heading comes before the headings under it
        paths[pk] = [*paths.get(section.parent_id, []), str(section)]
    return paths


def task_get(*, user: User, pk: int) -> Task:
    """A task the user sees at least one line of (``assignment_list``), with its plan and section; 404 for
    anyone else, as for its lines."""
    task = Task.objects.select_related("plan", "section").filter(pk=pk).first()
    if task is None or not assignment_list(user=user).filter(task=task).exists():
        raise Http404
    return task


def editable_assignment_ids(*, user: User, lines: Iterable[Assignment]) -> set[int]:
    """The ids among ``lines`` that ``may_edit_assignment`` allows, with two scope lookups for any number
    of lines (lines need ``task__plan`` joined). ``tests/ledger/test_editable_assignment_ids.py`` keeps the
    two in step."""
    office = unit_ids_in_scope(user, Role.OFFICE_ADMIN)
    editors = unit_ids_in_scope(user, *EDITOR_ROLES)
    ids = set()
    for line in lines:
        status = line.task.plan.status
        units = {Plan.Status.ARCHIVED: set(), Plan.Status.WITHDRAWN: set(), Plan.Status.DRAFT: office}.get(
            status, editors
        )
        if line.unit_id in units and line.closed_at is None:
            ids.add(line.pk)
    return ids


def cooperation_lines(*, user: User, task: Task, year: int) -> list[Assignment]:
    """The task's cooperating lines the user may read (the lead unit all, a co-unit its own, the office side
    its region's), each with ``rating`` (its 配合评价 of ``year``, or None)."""
    lines = list(
        task_assignments_visible(user=user, task=task)
        .filter(role=Assignment.Role.COOPERATING)
        .select_related("unit")
    )
    ratings = {
        r.line_id: r for r in CooperationRating.objects.filter(line__in=lines, year=year).select_related("by")
    }
    for line in lines:
        line.rating = ratings.get(line.pk)
    return lines
