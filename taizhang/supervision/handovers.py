"""Who is told of each hand-over of a 督办单 (``notifications.handover``): issued → the liaisons and heads
of every unit it names; a reply → the office of the order's region; a reply returned → the unit, with the
reason. Called by the services inside the step's transaction."""

from __future__ import annotations

from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.accounts.selectors import people_of_units
from taizhang.notifications.handover import intents, office_over, tell, unit_people
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify_many
from taizhang.supervision.models import OrderRecipient, SupervisionOrder


def order_issued_handover(order: SupervisionOrder) -> None:
    """Every named unit told, in one batch (an order may name 150 units): one query for the people."""
    link = reverse("order_detail", args=[order.pk])
    deadline = f"{order.deadline:%Y年%m月%d日}"
    recipients = list(order.recipients.select_related("unit").order_by("unit__order", "unit_id"))
    people = people_of_units(r.unit_id for r in recipients)
    told = []
    for recipient in recipients:
        told += intents(
            people=[
                *people.get((recipient.unit_id, Role.LIAISON), []),
                *people.get((recipient.unit_id, Role.UNIT_HEAD), []),
            ],
            occasion=f"order:{order.pk}:issued:unit:{recipient.unit_id}",
            subject=f"督办单：《{order.title}》",
            body=f"{recipient.unit.name}：惩防办下发督办单《{order.title}》，请于{deadline}前办理并回复。",
            link=link,
            about=recipient,
            kind=Notification.Kind.INFO,
        )
    notify_many(intents=told)


def order_reply_handover(recipient: OrderRecipient, *, verb: str, reason: str = "") -> None:
    order, unit = recipient.order, recipient.unit
    occasion = f"order:{order.pk}:unit:{unit.pk}:v{recipient.version}:{verb}"
    if verb == "reply":
        people, subject = office_over(order.region_id), f"督办回复：{unit.name}《{order.title}》"
        body = f"{unit.name}已回复督办单《{order.title}》，请审核（采纳或退回）。"
    elif verb == "return":
        people, subject = unit_people(unit.pk), f"督办回复被退回：《{order.title}》"
        body = f"{unit.name}：督办单《{order.title}》的回复被退回，请补充后重新回复。\n退回理由：{reason}"
    else:
        return
    tell(
        people=people,
        occasion=occasion,
        subject=subject,
        body=body,
        link=reverse("order_detail", args=[order.pk]),
        about=recipient,
        robot=verb == "reply",
    )
