"""A person told of many warnings in one check gets one summary (预警汇总) instead of a message each; a level
is told once, in a summary or alone, whatever the warning does between two checks."""

from datetime import date, timedelta

import pytest

from taizhang.alerts.models import Alert
from taizhang.alerts.notify import alerts_tell
from taizhang.ledger.models import Milestone
from taizhang.notifications.models import Notification
from tests.alerts.helpers import decomposed, line, refresh
from tests.factories import make_milestone

pytestmark = pytest.mark.django_db
DUE = date(2021, 5, 10)


def _messages(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user).order_by("pk"))


def test_more_warnings_than_the_setting_make_one_summary(city, settings):
    settings.TAIZHANG_ALERT_DIGEST_OVER = 3
    for n in range(5):
        make_milestone(assignment=line(city), due_date=DUE - timedelta(days=n * 20))
    refresh(DUE + timedelta(days=1))
    (summary,) = _messages(city.liaison_a)
    levels = sorted(Alert.objects.values_list("level", flat=True))
    assert levels == ["notice", "red", "red", "red", "yellow"]
    assert summary.subject.startswith("预警汇总：") and "5 条" in summary.subject
    assert "红色预警 3 条" in summary.subject and "黄色预警 1 条" in summary.subject
    assert summary.body.index("红色预警") < summary.body.index("提示")  # the most serious first
    assert summary.link == f"/alerts/?unit={city.a.pk}" and summary.kind == "escalation"
    # The head is told of the three red ones: not more than the setting, so one message each.
    head = _messages(city.head_a)
    assert len(head) == 3 and all(
        m.link.startswith("/alerts/") and m.subject.startswith("红色预警") for m in head
    )


def test_the_summary_link_opens_the_units_warnings(city, client, settings):
    settings.TAIZHANG_ALERT_DIGEST_OVER = 1
    for n in range(2):
        make_milestone(assignment=line(city), due_date=DUE - timedelta(days=n))
    refresh(DUE + timedelta(days=1))
    (summary,) = _messages(city.liaison_a)
    client.force_login(city.liaison_a)
    page = client.get(summary.link)
    assert page.status_code == 200
    assert page.content.decode().count(city.a.name) >= 2


def test_up_to_the_setting_each_warning_is_its_own_message(city, settings):
    settings.TAIZHANG_ALERT_DIGEST_OVER = 3
    for n in range(3):
        make_milestone(assignment=line(city), due_date=DUE - timedelta(days=n))
    refresh(DUE + timedelta(days=1))
    messages = _messages(city.liaison_a)
    assert len(messages) == 3 and all(m.dedup_key.startswith("alert:") for m in messages)


def test_a_level_told_in_a_summary_is_not_told_again_after_falling_back(city, settings):
    settings.TAIZHANG_ALERT_DIGEST_OVER = 1
    milestones = [make_milestone(assignment=decomposed(city), due_date=DUE) for _ in range(2)]
    refresh(DUE + timedelta(days=30))  # both red: one summary
    assert len(_messages(city.liaison_a)) == 1
    ids = [m.pk for m in milestones]
    Milestone.objects.filter(pk__in=ids).update(due_date=DUE + timedelta(days=20))
    refresh(DUE + timedelta(days=30))  # back to notice: nobody told
    Milestone.objects.filter(pk__in=ids).update(due_date=DUE)
    refresh(DUE + timedelta(days=31))  # red again: told already
    assert len(_messages(city.liaison_a)) == 1
    assert set(Alert.objects.values_list("told_level", flat=True)) == {"red"}


def test_the_same_summary_told_twice_is_stored_once(city, settings):
    settings.TAIZHANG_ALERT_DIGEST_OVER = 1
    for n in range(2):
        make_milestone(assignment=line(city), due_date=DUE - timedelta(days=n))
    refresh(DUE + timedelta(days=1))
    # As if a run stopped between telling and recording it, and the telling were retried.
    Alert.objects.update(told_level="")
    assert alerts_tell(Alert.objects.select_related("unit")) == 0
    assert len(_messages(city.liaison_a)) == 1
