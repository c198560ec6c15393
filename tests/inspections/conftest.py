"""The city of ``tests.inspections.world`` on a frozen clock (10 May 2021, 10:00 in Shanghai), uploads in a
folder of the test's own. Models are imported inside the fixtures: pytest loads this file before Django is
set up when a path under it is named on the command line."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def clock(time_machine):
    """Call with a date to move the frozen clock there, at 10:00 in Shanghai."""

    def set_today(day: date) -> None:
        time_machine.move_to(datetime.combine(day, time(10), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)

    set_today(date(2021, 5, 10))
    return set_today


@pytest.fixture
def city(db, clock):
    from tests.inspections.world import build_city

    return build_city()
