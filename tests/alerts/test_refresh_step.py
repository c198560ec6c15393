"""The tick's warning refresh (``alerts_refresh_step``): the day's first run checks every region; later
runs that day refresh the regions of the units whose data the audit log says changed, so a milestone ticked
off between two ticks clears its warning on the next one; a change written without its audit entry waits
for the next day's full run."""

from datetime import date, timedelta

import pytest

from taizhang.alerts.models import Alert, RegionCheck
from taizhang.alerts.refresh import alerts_refresh_step
from taizhang.jobs import steps
from taizhang.ledger.models import Milestone
from taizhang.ledger.services.milestones import milestone_done
from tests.alerts.helpers import line, open_alerts
from tests.factories import make_milestone

pytestmark = pytest.mark.django_db
DUE = date(2021, 5, 3)  # a week before the city's clock (10 May 2021)
TODAY = date(2021, 5, 10)


def test_a_milestone_done_between_ticks_clears_its_warning_on_the_next(city):
    assert alerts_refresh_step in steps.OVERDUE_STEPS
    done = make_milestone(assignment=line(city), due_date=DUE)
    left = make_milestone(assignment=line(city, city.b), due_date=DUE)
    alerts_refresh_step(today=TODAY)
    assert set(open_alerts()) == {f"milestone:{done.pk}", f"milestone:{left.pk}"}
    assert RegionCheck.objects.count() == 2  # every region marked checked
    a_line = line(city)
    milestone_done(actor=city.liaison_a, milestone=done, expected_version=a_line.version, done_date=DUE)
    alerts_refresh_step(today=TODAY)
    assert set(open_alerts()) == {f"milestone:{left.pk}"}
    assert Alert.objects.get(key=f"milestone:{done.pk}").closed_how == "cleared"


def test_a_change_without_its_audit_entry_waits_for_the_next_day(city, clock):
    milestone = make_milestone(assignment=line(city), due_date=DUE)
    alerts_refresh_step(today=TODAY)
    Milestone.objects.filter(pk=milestone.pk).update(done_date=DUE)  # no service, no audit entry
    alerts_refresh_step(today=TODAY)
    assert set(open_alerts()) == {f"milestone:{milestone.pk}"}
    clock(TODAY + timedelta(days=1))
    alerts_refresh_step(today=TODAY + timedelta(days=1))
    assert open_alerts() == {}


def test_a_later_tick_reruns_the_rules_for_the_changed_units_only(city):
    """Units A and B share a region; A's milestone is done through its service (audited), B's written
    behind the services' back: the next tick re-reads A only, so B's warning waits for the next full run."""
    done = make_milestone(assignment=line(city), due_date=DUE)
    unaudited = make_milestone(assignment=line(city, city.b), due_date=DUE)
    alerts_refresh_step(today=TODAY)
    milestone_done(actor=city.liaison_a, milestone=done, expected_version=line(city).version, done_date=DUE)
    Milestone.objects.filter(pk=unaudited.pk).update(done_date=DUE)
    alerts_refresh_step(today=TODAY)
    assert set(open_alerts()) == {f"milestone:{unaudited.pk}"}
