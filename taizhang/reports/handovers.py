"""Who is told of each step of a report's review (``notifications.handover``): submitted → the unit's heads;
approved → the office over the unit; returned → the liaisons, with the reason; accepted → the liaisons.
Called by ``reports.workflow`` inside the step's transaction."""

from __future__ import annotations

from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.notifications.handover import office_over, tell, unit_people
from taizhang.notifications.models import Notification
from taizhang.reports.models import ProgressReport


def report_handover(report: ProgressReport, *, verb: str, reason: str = "") -> None:
    line = report.assignment
    unit, task = line.unit, line.task
    what = f"{unit.name}《{task.plan.title}》第{task.number}项 {report.period_label}进展"
    link = reverse("report_edit", args=[line.pk, report.period_start])
    if verb == "submit":
        people, subject = unit_people(unit.pk, Role.UNIT_HEAD), f"待审核：{what}"
        body = f"{what}已由联络员报送，请审核（通过或退回）。"
    elif verb == "approve":
        people, subject = office_over(unit.region_id), f"待通过：{what}"
        body = f"{what}已经单位负责人审核，请惩防办审核通过或退回。"
    elif verb == "return":
        people, subject = unit_people(unit.pk, Role.LIAISON), f"已退回：{what}"
        body = f"{what}被退回，请修改后重新报送。\n退回理由：{reason}"
    elif verb == "accept":
        people, subject = unit_people(unit.pk, Role.LIAISON), f"已通过：{what}"
        body = f"{what}已由惩防办审核通过。"
    else:
        return
    tell(
        people=people,
        occasion=f"report:{report.pk}:v{report.version}:{verb}",
        subject=subject,
        body=body,
        link=link,
        about=report,
        kind=Notification.Kind.INFO,
        robot=verb == "approve",
    )
