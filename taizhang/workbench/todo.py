"""What waits for a person (待办), per kind of work, oldest or most urgent first: the groups of the 工作台 and
the counts on the navigation.

Each group reads through its area's selector, so it shows only what the person may see, and keeps to the
units or region the person acts for in the role the work needs (a liaison's own unit's reports, the office's
own region's close-outs — not what a lead unit or a reader of the region merely sees). Every group costs one
or two queries (its count and, when items are asked for, its first ``limit`` rows); the reports to write
cost three (``workbench.owed``). ``todo_for`` keeps the result on the request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, roles_held, unit_scope_q
from taizhang.alerts.models import Alert
from taizhang.alerts.selectors import AlertFilters, alert_list
from taizhang.alerts.specs import REQUIREMENTS
from taizhang.assessment.models import AssessedUnit, Assessment, Indicator, Score
from taizhang.assessment.selectors import assessment_list
from taizhang.instructions.selectors import follows_with_news, replies_to_answer
from taizhang.instructions.targets import target_label
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_visible_q
from taizhang.plans.models import Plan
from taizhang.rectification.models import RectState
from taizhang.rectification.selectors import rectification_list
from taizhang.reports.selectors import review_queue
from taizhang.supervision.models import REPLY_EDITABLE_STATES, RecipientState, SupervisionOrder
from taizhang.supervision.selectors import recipient_list
from taizhang.workbench.owed import reports_owed

ITEMS_PER_GROUP = 20  # the 工作台 shows the first of each group; the group's page has them all
LINES_PER_PERIOD = 5  # reports to write: the first lines of a period, each a link to its report


@dataclass(slots=True)
class Item:
    """One thing to do: ``title`` links to ``url``, where it is done."""

    title: str
    url: str
    detail: str = ""
    due: date | None = None
    overdue: bool = False
    note: str = ""  # e.g. 已退回 for a returned report
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url): the lines of a period


@dataclass(slots=True)
class Group:
    """One kind of work: ``count`` in all, the first ``items``, the page that has them all (``more_url``),
    and the navigation entry whose badge counts it (``nav``)."""

    key: str
    title: str
    nav: str
    count: int
    items: list[Item]
    more_url: str
    # More than the items shown: by default the count exceeds them; a group whose items are not what it
    # counts (reports to write: periods shown, lines counted) says so itself.
    more_than_shown: bool | None = None

    @property
    def more(self) -> bool:
        return self.count > len(self.items) if self.more_than_shown is None else self.more_than_shown

    @property
    def shown_count(self) -> str:
        return shown(self.count)


def shown(count: int) -> str:
    """A count as a badge says it: ``999+`` past the cap."""
    return f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)


@dataclass(slots=True)
class Todo:
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    def badges(self) -> dict[str, int]:
        """Navigation URL name → the number waiting behind that entry (groups sharing an entry add up)."""
        counts: dict[str, int] = {}
        for group in self.groups:
            if group.count:
                counts[group.nav] = counts.get(group.nav, 0) + group.count
        return counts


# A count stops here (the badge then reads 999+): the office of a province may have 100,000 reports waiting,
# and counting them all costs more than the page.
COUNT_CAP = 999


def _first(rows: QuerySet, limit: int) -> tuple[int, list]:
    """The count (at most ``COUNT_CAP + 1``) and the first ``limit`` rows (no second query when there are
    none to show)."""
    count = rows.order_by()[: COUNT_CAP + 1].count()
    return count, (list(rows[:limit]) if limit and count else [])


# ---- the groups: each (user, today, limit) → Group ----


def _reports_to_write(user: User, today: date, limit: int) -> Group:
    owed = reports_owed(user=user, today=today)
    items = []
    for period in owed[:limit]:
        lines = period.lines
        links = [
            (
                f"{line.task_number} {line.task_text[:40]}",
                reverse("report_edit", args=(line.assignment_id, period.period.start)),
            )
            for line in lines[:LINES_PER_PERIOD]
        ]
        ledger = reverse("plan_ledger", args=(period.plan.pk,)) + f"?unit={period.unit_id}"
        returned = sum(line.returned for line in lines)
        items.append(
            Item(
                title=_("%(period)s · %(n)s 项") % {"period": period.period.label, "n": len(lines)},
                url=links[0][1] if len(lines) == 1 else ledger,
                detail=period.plan.title,
                due=period.due,
                overdue=period.overdue,
                note=_("其中 %(n)s 项已退回") % {"n": returned} if returned else "",
                links=links,
            )
        )
    count = sum(len(period.lines) for period in owed)  # lines counted, periods shown
    more = len(owed) > len(items)
    return Group("reports_to_write", _("待写报送"), "my_tasks", count, items, reverse("my_tasks"), more)


def _reports_to_review(user: User, today: date, limit: int, roles: frozenset[str]) -> Group:
    count, rows = _first(review_queue(user=user), limit)
    items = []
    for r in rows:
        task = r.assignment.task
        items.append(
            Item(
                title=f"{r.assignment.unit} · {r.period_label}",
                url=reverse("report_edit", args=(r.assignment_id, r.period_start)),
                detail=f"{task.plan.title} · {task.number} {task.text[:40]}",
                note=r.get_review_state_display(),
            )
        )
    title = _("待通过报送") if Role.OFFICE_ADMIN in roles else _("待审核报送")
    return Group("reports_to_review", title, "review_list", count, items, reverse("review_list"))


def _orders_to_answer(user: User, today: date, limit: int) -> Group:
    rows = recipient_list(user=user).filter(
        unit_scope_q(user, *UNIT_ROLES),
        order__state=SupervisionOrder.State.ISSUED,
        state__in=REPLY_EDITABLE_STATES,
    )
    count, rows = _first(rows.order_by("order__deadline", "order_id", "unit__order"), limit)
    items = [
        Item(
            title=r.order.title,
            url=reverse("order_detail", args=(r.order_id,)) + f"#reply-{r.pk}",
            detail=str(r.unit),
            due=r.order.deadline,
            overdue=r.order.deadline < today,
            note=r.get_state_display(),
        )
        for r in rows
    ]
    return Group("orders_to_answer", _("待回复督办单"), "order_inbox", count, items, reverse("order_inbox"))


def _replies_to_read(user: User, today: date, limit: int) -> Group:
    rows = recipient_list(user=user).filter(
        unit_scope_q(user, Role.OFFICE_ADMIN),
        order__state=SupervisionOrder.State.ISSUED,
        state=RecipientState.REPLIED,
    )
    count, rows = _first(rows.order_by("replied_at", "pk"), limit)
    items = [
        Item(
            title=f"{r.unit} · {r.order.title}",
            url=reverse("order_detail", args=(r.order_id,)) + f"#reply-{r.pk}",
            detail=_("回复于 %(day)s") % {"day": timezone.localdate(r.replied_at)} if r.replied_at else "",
            due=r.order.deadline,
        )
        for r in rows
    ]
    return Group("replies_to_read", _("待采纳督办回复"), "order_list", count, items, reverse("order_list"))


def _rectification(user: User, today: date, limit: int, *, office: bool) -> Group:
    if office:
        rows = rectification_list(user=user).filter(
            unit_scope_q(user, Role.OFFICE_ADMIN), state=RectState.CLOSEOUT_REQUESTED
        )
        key, title = "closeouts_to_verify", _("待核查销号申请")
    else:
        rows = rectification_list(user=user).filter(
            unit_scope_q(user, *UNIT_ROLES), state__in=(RectState.OPEN, RectState.IN_PROGRESS)
        )
        key, title = "rectifications_due", _("待整改事项")
    count, rows = _first(rows.prefetch_related(None), limit)
    items = [
        Item(
            title=r.title,
            url=reverse("rectification_detail", args=(r.pk,)),
            detail=str(r.unit),
            due=r.deadline,
            overdue=r.deadline < today,
            note=r.get_state_display(),
        )
        for r in rows
    ]
    return Group(key, title, "rectification_ledger", count, items, reverse("rectification_ledger"))


def _alerts_to_explain(user: User, today: date, limit: int) -> Group:
    explain = REQUIREMENTS[REQUIREMENTS.index("explain") :]
    rows = alert_list(user=user, filters=AlertFilters(state=Alert.State.OPEN)).filter(
        unit_scope_q(user, *UNIT_ROLES), required__in=explain, explained_at__isnull=True
    )
    count, rows = _first(rows, limit)
    items = [
        Item(
            title=a.summary,
            url=reverse("alert_detail", args=(a.pk,)),
            detail=str(a.unit),
            note=a.get_level_display(),
            overdue=a.level == "red",
        )
        for a in rows
    ]
    return Group("alerts_to_explain", _("待说明预警"), "alert_list", count, items, reverse("alert_list"))


def _scores_to_give(user: User, today: date, limit: int, *, office: bool) -> Group:
    scoring = assessment_list(user=user).filter(state=Assessment.State.DRAFT).values("pk")
    rows = AssessedUnit.objects.filter(assessment__in=scoring).select_related("assessment", "unit")
    if office:
        unscored = Score.objects.filter(
            assessed=OuterRef("pk"), indicator__method=Indicator.Method.MANUAL, assessor_score__isnull=True
        )
        rows = rows.filter(
            unit_scope_q(user, Role.OFFICE_ADMIN), Exists(unscored), self_submitted_at__isnull=False
        ).order_by("self_submitted_at", "pk")
        key, title = "scores_to_give", _("待评分单位")
    else:
        manual = Indicator.objects.filter(
            version=OuterRef("assessment__standard_version"), method=Indicator.Method.MANUAL
        )
        rows = rows.filter(unit_scope_q(user, *UNIT_ROLES), Exists(manual), self_submitted_at__isnull=True)
        rows = rows.order_by("assessment__year", "pk")
        key, title = "self_assessments", _("待提交自评")
    count, rows = _first(rows, limit)
    items = [
        Item(title=f"{a.assessment} · {a.unit}", url=reverse("assessment_unit", args=(a.pk,))) for a in rows
    ]
    return Group(key, title, "assessment_list", count, items, reverse("assessment_list"))


def _assessments_to_approve(user: User, today: date, limit: int) -> Group:
    """A leader's (领导) 待审批考核: assessments the office submitted for approval (``PENDING``) in a region
    the leader's grant covers — the regions ``assessment_approve`` accepts — oldest submission first; not
    the leader's own submission, which another leader must decide."""
    rows = assessment_list(user=user).filter(
        state=Assessment.State.PENDING, region_id__in=sorted(region_ids_in_scope(user, Role.LEADER))
    )
    rows = rows.exclude(submitted_by=user).select_related("submitted_by")
    count, rows = _first(rows.order_by("submitted_at", "pk"), limit)
    items = [
        Item(
            title=a.title,
            url=reverse("assessment_detail", args=(a.pk,)),
            detail=_("%(region)s · 提交于 %(day)s")
            % {"region": a.region, "day": timezone.localdate(a.submitted_at) if a.submitted_at else ""},
            note=a.get_state_display(),
        )
        for a in rows
    ]
    return Group(
        "assessments_to_approve", _("待审批考核"), "assessment_list", count, items, reverse("assessment_list")
    )


def _instructions_to_answer(user: User, today: date, limit: int) -> Group:
    """待答复批示: the leaders' instructions the user's units have not answered, the soonest due first."""
    count, rows = _first(replies_to_answer(user=user), limit)
    items = [
        Item(
            title=r.instruction.text[:60],
            url=reverse("instruction_detail", args=(r.instruction_id,)) + f"#answer-{r.pk}",
            detail=f"{r.unit} · {r.instruction.author}",
            due=r.instruction.due_date,
            overdue=bool(r.instruction.due_date and r.instruction.due_date < today),
        )
        for r in rows
    ]
    more = reverse("instruction_inbox")
    return Group("instructions_to_answer", _("待答复批示"), "instruction_list", count, items, more)


def _followed_news(user: User, today: date, limit: int) -> Group:
    """关注事项有变化: followed items told of changes the follower has not marked read."""
    count, rows = _first(follows_with_news(user=user), limit)
    items = [
        Item(
            title=target_label(f.target_kind, f.target),
            url=reverse("follow_list") + f"#follow-{f.pk}",
        )
        for f in rows
    ]
    return Group("followed_news", _("关注事项有变化"), "follow_list", count, items, reverse("follow_list"))


@dataclass(frozen=True, slots=True)
class UnitPlan:
    plan: Plan
    lines: int
    url: str  # the plan's ledger, narrowed to the unit


def unit_plans(*, user: User) -> list[UnitPlan]:
    """The published plans the user's units (liaison, head) have lines in, the newest published first: a
    unit's current plan heads its 工作台, whatever the number of old plans' lines. Two queries."""
    lines = Assignment.objects.filter(
        assignment_visible_q(user), unit_scope_q(user, *UNIT_ROLES), task__plan__status=Plan.Status.PUBLISHED
    )
    counts = dict(lines.order_by().values_list("task__plan_id").annotate(n=Count("pk")))
    plans = sorted(
        Plan.objects.filter(pk__in=list(counts)), key=lambda p: (p.published_at, p.pk), reverse=True
    )
    unit = f"?unit={user.unit_id}" if user.unit_id else ""
    return [UnitPlan(p, counts[p.pk], reverse("plan_ledger", args=(p.pk,)) + unit) for p in plans]


def todo(*, user: User, today: date, limit: int = ITEMS_PER_GROUP) -> Todo:
    """Every group of work the user's roles give them, in the order the 工作台 shows them. ``limit=0``
    counts only (the navigation badges)."""
    roles = roles_held(user)
    unit_role = bool(roles & set(UNIT_ROLES))
    office = Role.OFFICE_ADMIN in roles
    steps: list[Callable[[], Group]] = []
    if Role.LIAISON in roles:
        steps.append(lambda: _reports_to_write(user, today, limit))
    if Role.UNIT_HEAD in roles or office:
        steps.append(lambda: _reports_to_review(user, today, limit, roles))
    if unit_role:
        steps.append(lambda: _orders_to_answer(user, today, limit))
        steps.append(lambda: _rectification(user, today, limit, office=False))
        steps.append(lambda: _alerts_to_explain(user, today, limit))
        steps.append(lambda: _scores_to_give(user, today, limit, office=False))
        steps.append(lambda: _instructions_to_answer(user, today, limit))
    if office:
        steps.append(lambda: _replies_to_read(user, today, limit))
        steps.append(lambda: _rectification(user, today, limit, office=True))
        steps.append(lambda: _scores_to_give(user, today, limit, office=True))
    if Role.LEADER in roles:
        steps.append(lambda: _assessments_to_approve(user, today, limit))
    if roles & set(OFFICE_SIDE):
        steps.append(lambda: _followed_news(user, today, limit))
    return Todo([step() for step in steps])


def todo_for(request: HttpRequest, *, items: bool = True) -> Todo:
    """``todo`` for the signed-in user, kept on the request: asked twice (the page and its badges), read
    once. A list with items answers a later ask for counts too."""
    memo = getattr(request, "_taizhang_todo", None)
    if memo is None or (items and not memo[0]):
        memo = (
            items,
            todo(user=request.user, today=timezone.localdate(), limit=ITEMS_PER_GROUP if items else 0),
        )
        request._taizhang_todo = memo
    return memo[1]
