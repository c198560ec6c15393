"""Who is told of each step of a close-out (销号, ``notifications.handover``): requested → the office over
the item's unit; refused (with the reason), closed, or reopened after a relapse (反弹) → the unit's
liaisons and heads. Called by ``rectification.workflow`` inside the step's transaction."""

from __future__ import annotations

from django.urls import reverse

from taizhang.notifications.handover import office_over, tell, unit_people
from taizhang.rectification.models import RectificationItem


def rectification_handover(item: RectificationItem, *, verb: str, reason: str = "") -> None:
    unit = item.unit
    what = f"{unit.name}整改事项《{item.title}》"
    if verb == "request_closeout":
        people, subject = office_over(unit.region_id), f"申请销号：{what}"
        body = f"{what}已申请销号，请核查佐证材料后销号或退回。"
    elif verb == "refuse":
        people, subject = unit_people(unit.pk), f"销号申请被退回：《{item.title}》"
        body = f"{what}的销号申请未获通过，请继续整改后重新申请。\n退回理由：{reason}"
    elif verb == "close":
        people, subject = unit_people(unit.pk), f"已销号：《{item.title}》"
        body = f"{what}经惩防办核查，已销号。"
    elif verb == "reopen":
        people, subject = unit_people(unit.pk), f"回头看发现反弹，已重新整改：《{item.title}》"
        body = f"{what}在回头看中发现问题反弹，已恢复为整改中，请重新整改后申请销号。\n复查情况：{reason}"
    else:
        return
    tell(
        people=people,
        occasion=f"rectification:{item.pk}:v{item.version}:{verb}",
        subject=subject,
        body=body,
        link=reverse("rectification_detail", args=[item.pk]),
        about=item,
        robot=verb == "request_closeout",
    )
