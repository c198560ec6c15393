"""回头看 and 配合评价 in the demo, on the district plan before its assessments are computed, so the latest
year's scores show them: a rectification item of 区纪委 closed (销号) a year before the re-check, one
look-back batch drawn at random (seed stored) that finds it relapsed (反弹: reopened) and a completed line
held; and 区纪委's ratings of a few units cooperating on the tasks it leads.

The item goes through the services today; its close-out date is then set back to the year before, as the
history's reports carry their past dates, so that the batch's window (closed a year or more before) holds it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.ledger.models import Assignment
from taizhang.ledger.services.cooperation import cooperation_rate
from taizhang.plans.models import Plan
from taizhang.rectification.lookback import lookback_create, lookback_recheck
from taizhang.rectification.models import Recheck, RectificationItem
from taizhang.rectification.services import rectification_create
from taizhang.rectification.workflow import rectification_close, rectification_request_closeout
from taizhang.units.models import Unit

PDF = b"%PDF-1.4\n% taizhang demo\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
# Ratings 区纪委 gives its cooperating units (好, 较好, 一般), in the order of the tasks it leads.
RATINGS = ((5, "主动对接，按时提供材料。"), (4, "配合较好。"), (3, "材料报送不够及时。"))


def build_lookback(plan: Plan, *, office: User, unit: Unit, liaison: User, year: int) -> tuple[int, int]:
    """The batch (re-checked in ``year``) and the ratings of ``year``; returns (relapses, ratings)."""
    item = _closed_item(plan, office=office, unit=unit, liaison=liaison, closed_on=date(year - 1, 11, 20))
    batch = lookback_create(
        actor=office,
        region=plan.region,
        title=f"{year}年整改事项回头看",
        closed_before=date(year - 1, 12, 31),
        item_count=1,
        line_count=3,
        seed=year,
    )
    relapses = 0
    for entry in batch.entries.select_related("item", "line"):
        relapsed = entry.item_id == item.pk
        lookback_recheck(
            actor=office,
            entry=entry,
            result=Recheck.RELAPSED if relapsed else Recheck.HELD,
            checked_on=date(year, 12, 10),
            note="抽查发现部分科室廉政风险点台账又未更新，问题反弹。" if relapsed else "",
        )
        relapses += relapsed
    return relapses, _ratings(plan, unit=unit, liaison=liaison, year=year)


def _closed_item(
    plan: Plan, *, office: User, unit: Unit, liaison: User, closed_on: date
) -> RectificationItem:
    task = plan.tasks.filter(assignments__unit=unit).order_by("order").first()
    item = rectification_create(
        actor=office,
        unit=unit,
        title="廉政风险点台账未及时更新",
        measures="全面排查廉政风险点，建立动态更新机制。",
        deadline=timezone.localdate() + timedelta(days=30),
        task=task,
    )
    pdf = SimpleUploadedFile("整改报告.pdf", PDF, "application/pdf")
    item = rectification_request_closeout(
        actor=liaison, item=item, note="已完成排查并更新台账。", files=[pdf], expected_version=item.version
    )
    item = rectification_close(
        actor=office, item=item, verification_note="经核查，台账已更新。", expected_version=item.version
    )
    closed_at = timezone.make_aware(datetime(closed_on.year, closed_on.month, closed_on.day, 15))
    RectificationItem.objects.filter(pk=item.pk).update(closed_at=closed_at)  # a year back (see above)
    item.steps.filter(to_state="closed").update(at=closed_at)
    return item


def _ratings(plan: Plan, *, unit: Unit, liaison: User, year: int) -> int:
    led = plan.tasks.filter(assignments__unit=unit, assignments__role=Assignment.Role.LEAD)
    co_lines = (
        Assignment.objects.filter(task__in=led, role=Assignment.Role.COOPERATING)
        .select_related("task")
        .order_by("task__order", "unit__order", "pk")[: len(RATINGS)]
    )
    for line, (rating, note) in zip(co_lines, RATINGS, strict=False):
        cooperation_rate(actor=liaison, line=line, rating=rating, note=note, year=year)
    return min(len(co_lines), len(RATINGS))
