"""``{% instruction_actions "task" task %}`` on an item's page: its instructions and the 写批示 / 关注 buttons
for those who may use them. A template tag, so the item's own app imports nothing of this one (it sits
above them in the layers); the tag reads through this app's selectors as the signed-in user."""

from __future__ import annotations

from django import template
from django.urls import reverse

from taizhang.instructions import selectors
from taizhang.instructions.targets import KINDS

register = template.Library()


@register.inclusion_tag("instructions/_item_actions.html", takes_context=True)
def instruction_actions(context, kind: str, item) -> dict:
    user = context["request"].user
    region_id = KINDS[kind].region_id(item)
    may_follow = selectors.may_follow(user, region_id)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "instructions": selectors.instructions_on(user=user, kind=kind, item=item),
        "may_instruct": selectors.may_instruct(user, region_id) and KINDS[kind].reachable(item),
        "may_follow": may_follow,
        "follow": selectors.follow_of(user=user, kind=kind, item=item) if may_follow else None,
        "write_url": reverse(f"instruction_write_{kind}", args=(item.pk,)),
        "follow_url": reverse(f"follow_{kind}", args=(item.pk,)),
    }
