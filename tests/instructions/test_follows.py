"""关注: following an item, told of its changes once (inbox and 工作台), marked read, unfollowed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.instructions.follows import follow_news
from taizhang.instructions.models import Follow
from taizhang.instructions.selectors import follows_with_news
from taizhang.instructions.services import (
    follow,
    follow_mark_seen,
    instruction_answer,
    instruction_write,
    unfollow,
)
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification
from taizhang.reports.periods import period_for
from taizhang.reports.services import report_save_draft
from taizhang.workbench.todo import todo

TODAY = date(2021, 4, 5)


def _news(user):
    return list(Notification.objects.filter(recipient=user, dedup_key__startswith="follow:"))


def test_follower_is_told_of_a_change_once(place):
    followed = follow(actor=place.leader, kind="task", item=place.task)
    follow_news(today=TODAY)
    assert _news(place.leader) == []  # nothing changed since the follow
    instruction_write(actor=place.leader, kind="task", item=place.task, text="抓紧落实")
    line = Assignment.objects.get(task=place.task, unit=place.u1)
    report_save_draft(
        actor=place.liaison1,
        assignment=line,
        period=period_for(date(2021, 1, 1), line.task.plan.report_cadence),
        status="in_progress",
        narrative="推进中",
    )
    follow_news(today=TODAY)
    follow_news(today=TODAY)  # twice: told once
    (message,) = _news(place.leader)
    assert "2 项变化" in message.subject and "instruction.write" in message.body
    assert message.about_id == place.task.pk
    followed.refresh_from_db()
    assert followed.told_through > followed.seen_through
    assert list(follows_with_news(user=place.leader)) == [followed]
    group = next(g for g in todo(user=place.leader, today=TODAY).groups if g.key == "followed_news")
    assert group.count == 1


def test_marked_read_leaves_the_workbench_until_the_next_change(place):
    followed = follow(actor=place.office, kind="task", item=place.task)
    instruction = instruction_write(actor=place.leader, kind="task", item=place.task, text="抓紧落实")
    follow_news(today=TODAY)
    follow_mark_seen(actor=place.office, follow=Follow.objects.get(pk=followed.pk))
    assert not follows_with_news(user=place.office).exists()
    instruction_answer(actor=place.liaison1, reply=instruction.replies.get(unit=place.u1), text="已落实")
    follow_news(today=TODAY)
    assert follows_with_news(user=place.office).exists()
    assert len(_news(place.office)) == 2


def test_unfollowed_item_tells_nothing_more(place):
    followed = follow(actor=place.leader, kind="task", item=place.task)
    unfollow(actor=place.leader, follow=followed)
    instruction_write(actor=place.leader, kind="task", item=place.task, text="抓紧落实")
    follow_news(today=TODAY)
    assert _news(place.leader) == []
    assert not Follow.objects.exists()


def test_only_the_office_side_of_the_region_follows_and_once(place):
    for outsider in (place.liaison1, place.leader_b):
        with pytest.raises(PermissionDenied):
            follow(actor=outsider, kind="task", item=place.task)
    follow(actor=place.leader, kind="task", item=place.task)
    with pytest.raises(Refusal) as refused:
        follow(actor=place.leader, kind="task", item=place.task)
    assert refused.value.code == "already_followed"


def test_unit_sees_its_instruction_to_answer_in_its_workbench(place):
    instruction_write(actor=place.leader, kind="task", item=place.task, text="抓紧落实", units=[place.u1])
    group = next(
        g for g in todo(user=place.liaison1, today=TODAY).groups if g.key == "instructions_to_answer"
    )
    assert group.count == 1 and group.items[0].title == "抓紧落实"
    other = next(
        g for g in todo(user=place.liaison2, today=TODAY).groups if g.key == "instructions_to_answer"
    )
    assert other.count == 0
