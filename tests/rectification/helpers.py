"""Items in each state for the rectification tests, made through the services."""

from __future__ import annotations

from taizhang.inspections.models import Inspection
from taizhang.rectification.models import RectState
from taizhang.rectification.services import rectification_progress_add
from taizhang.rectification.workflow import (
    rectification_close,
    rectification_refuse,
    rectification_request_closeout,
)
from tests.inspections.world import advance, find, item_for, pdf, plan


def open_item(city, *, unit=None, days: int = 30):
    """A's (or ``unit``'s) item from a finding of an open inspection in progress."""
    inspection = advance(city, plan(city), Inspection.State.IN_PROGRESS)
    return item_for(city, find(city, inspection, unit=unit or city.a), days=days)


def apply(city, item, *, actor=None, files=None):
    return rectification_request_closeout(
        actor=actor or city.liaison_a,
        item=item,
        note="已完成整改",
        files=[pdf("整改报告.pdf")] if files is None else files,
        expected_version=item.version,
    )


def item_in(city, state: str):
    """A's item in ``state``: in progress after a progress entry; refused once on the way to in progress
    is not needed; closed after an application and the office's verification."""
    item = open_item(city)
    if state == RectState.OPEN:
        return item
    if state == RectState.IN_PROGRESS:
        rectification_progress_add(actor=city.liaison_a, item=item, text="已召开整改会议")
        item.refresh_from_db()
        return item
    item = apply(city, item)
    if state == RectState.CLOSEOUT_REQUESTED:
        return item
    return rectification_close(
        actor=city.admin, item=item, verification_note="核查属实", expected_version=item.version
    )


def refuse(city, item, reason="佐证不足"):
    return rectification_refuse(actor=city.admin, item=item, reason=reason, expected_version=item.version)
