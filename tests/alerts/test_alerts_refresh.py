"""alerts_refresh: warnings follow the data — raised, escalated and lowered with an audit entry for each
level change, cleared when the data no longer raises them — and a second run changes nothing."""

from datetime import date, timedelta

import pytest

from taizhang.alerts.display import days_overdue, evidence_rows
from taizhang.alerts.models import Alert
from taizhang.alerts.services import alert_close
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Milestone
from tests.alerts.helpers import line, open_alerts, refresh
from tests.factories import make_milestone, make_rectification

pytestmark = pytest.mark.django_db
DUE = date(2021, 5, 10)


def _actions(alert: Alert) -> list[str]:
    return list(
        AuditEvent.objects.about("alerts.alert", alert.pk).order_by("pk").values_list("action", flat=True)
    )


def test_a_warning_is_raised_escalated_and_lowered_as_the_data_says(city):
    milestone = make_milestone(assignment=line(city), due_date=DUE)
    key = f"milestone:{milestone.pk}"
    assert len(refresh(DUE + timedelta(days=1)).raised) == 1
    alert = Alert.objects.get(key=key)
    assert (alert.level, alert.required, alert.unit, alert.assignment) == (
        "notice",
        "none",
        city.a,
        line(city),
    )
    assert len(refresh(DUE + timedelta(days=15)).escalated) == 1
    alert.refresh_from_db()
    assert (alert.level, alert.required) == ("yellow", "explain")
    refresh(DUE + timedelta(days=30))
    assert open_alerts() == {key: "red"}
    Milestone.objects.filter(pk=milestone.pk).update(due_date=DUE + timedelta(days=20))  # moved later
    assert len(refresh(DUE + timedelta(days=30)).lowered) == 1
    assert open_alerts() == {key: "notice"}
    assert _actions(alert) == ["alert.raise_batch", "alert.level", "alert.level", "alert.level"]
    assert Alert.objects.count() == 1  # one row all along


def test_a_warning_clears_when_the_milestone_is_done(city):
    milestone = make_milestone(assignment=line(city), due_date=DUE)
    refresh(DUE + timedelta(days=3))
    Milestone.objects.filter(pk=milestone.pk).update(done_date=DUE + timedelta(days=2))
    result = refresh(DUE + timedelta(days=4))
    alert = Alert.objects.get()
    assert [a.pk for a in result.cleared] == [alert.pk]
    assert (alert.state, alert.closed_how, alert.closed_by) == ("closed", "cleared", None)
    assert _actions(alert) == ["alert.raise_batch", "alert.clear"]


def test_a_second_run_changes_nothing(city):
    make_milestone(assignment=line(city), due_date=DUE)
    make_rectification(unit=city.b, deadline=DUE)
    first = refresh(DUE + timedelta(days=16))
    events, rows = (
        AuditEvent.objects.count(),
        list(Alert.objects.values_list("pk", "level", "version", "evidence")),
    )
    second = refresh(DUE + timedelta(days=16))
    assert len(first.raised) == 2
    assert (second.raised, second.escalated, second.lowered, second.cleared) == ([], [], [], [])
    assert AuditEvent.objects.count() == events
    assert list(Alert.objects.values_list("pk", "level", "version", "evidence")) == rows


def test_days_passing_change_no_stored_row_and_the_days_are_counted_for_people(city):
    make_milestone(assignment=line(city), due_date=DUE)
    refresh(DUE + timedelta(days=2))
    refresh(DUE + timedelta(days=3))
    alert = Alert.objects.get()
    assert alert.version == 1 and _actions(alert) == ["alert.raise_batch"]
    assert days_overdue(alert, DUE + timedelta(days=3)) == 3
    assert ("逾期天数", "3") in evidence_rows(alert, DUE + timedelta(days=3))


def test_a_summary_follows_the_data_when_it_changes(city):
    milestone = make_milestone(assignment=line(city), due_date=DUE, title="旧目标")
    refresh(DUE + timedelta(days=2))
    Milestone.objects.filter(pk=milestone.pk).update(title="新目标")
    refresh(DUE + timedelta(days=3))
    alert = Alert.objects.get()
    assert "新目标" in alert.summary and alert.evidence["milestone"] == "新目标" and alert.version == 2


def test_a_warning_closed_by_the_office_stays_closed_until_it_gets_worse(city):
    make_milestone(assignment=line(city), due_date=DUE)
    refresh(DUE + timedelta(days=1))
    alert = Alert.objects.get()
    alert_close(actor=city.admin, alert=alert, reason="已延期，经批准", expected_version=alert.version)
    assert refresh(DUE + timedelta(days=2)).raised == []
    assert open_alerts() == {}
    raised = refresh(DUE + timedelta(days=15)).raised
    assert [(a.key, a.level) for a in raised] == [(alert.key, "yellow")]


def test_a_subject_cleared_and_overdue_again_is_raised_anew(city):
    item = make_rectification(unit=city.a, deadline=DUE)
    refresh(DUE + timedelta(days=1))
    type(item).objects.filter(pk=item.pk).update(state="closeout_requested")
    refresh(DUE + timedelta(days=2))
    type(item).objects.filter(pk=item.pk).update(state="in_progress")  # the close-out was refused
    assert len(refresh(DUE + timedelta(days=3)).raised) == 1
    assert Alert.objects.filter(key=f"rectification:{item.pk}").count() == 2


def test_a_refresh_for_a_region_touches_only_that_region(city):
    make_rectification(unit=city.a, deadline=DUE)
    x_item = make_rectification(unit=city.x, deadline=DUE)
    refresh(DUE + timedelta(days=1), region_ids={city.other.pk})
    assert open_alerts() == {f"rectification:{x_item.pk}": "notice"}
    type(x_item).objects.filter(pk=x_item.pk).update(deadline=DUE + timedelta(days=9))
    refresh(DUE + timedelta(days=1), region_ids={city.region.pk})  # region B's stale warning stays
    assert len(open_alerts()) == 2


def test_a_refresh_racing_another_cannot_open_a_subject_twice(city):
    """The second run read no open warning for the subject (as if the first had not committed yet): its
    insert is ignored by the partial unique constraint and it claims nothing it did not raise."""
    make_rectification(unit=city.a, deadline=DUE)
    refresh(DUE + timedelta(days=1))
    Alert.objects.update(raised_at=Alert.objects.get().raised_at - timedelta(minutes=1))
    from taizhang.alerts import refresh as module

    specs = module.alerts_wanted(today=DUE + timedelta(days=1))
    assert module._Raising(city.plan.published_at, None).write(specs) == []
    assert Alert.objects.count() == 1
    assert _actions(Alert.objects.get()) == ["alert.raise_batch"]  # nor an entry for what it did not raise
    assert AuditEvent.objects.filter(action="alert.raise_batch").count() == 1


def test_a_run_that_changes_nothing_writes_no_warning_but_says_when_it_checked(city, time_machine):
    """最近核对时间 is the region's last check (one row a region), not an UPDATE of every open warning: the
    warning's row stays as it was, the page and the API show the later run's time."""
    from django.utils import timezone

    from taizhang.alerts.selectors import alert_get

    make_milestone(assignment=line(city), due_date=DUE)
    time_machine.move_to("2021-05-12 09:00 +08:00", tick=False)
    refresh(DUE + timedelta(days=2))
    alert = Alert.objects.get()
    time_machine.move_to("2021-05-12 09:15 +08:00", tick=False)
    refresh(DUE + timedelta(days=2))
    unchanged = Alert.objects.get()
    assert (unchanged.version, unchanged.refreshed_at) == (alert.version, alert.refreshed_at)
    assert timezone.localtime(alert.refreshed_at).strftime("%H:%M") == "09:00"
    shown = alert_get(user=city.admin, pk=alert.pk).checked_at
    assert timezone.localtime(shown).strftime("%H:%M") == "09:15"
