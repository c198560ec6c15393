"""Set-up shared by several test folders: uploads in a folder of the test's own, a clock frozen at 10:00 in
Shanghai, and the city of ``tests.inspections.world`` on 10 May 2021.

A conftest.py takes the fixtures by importing them (``from tests.worlds import city, clock, media_root``);
they then apply to that conftest's folder only, function-scoped as ever. Models are imported inside the
fixtures: pytest loads a conftest before Django is set up when a path under it is named on the command
line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest


def frozen_clock(time_machine, day: date) -> Callable[[date], None]:
    """Freeze the clock on ``day`` at 10:00 in Shanghai; returns the function that moves it to another day
    (at 10:00 again)."""

    def set_today(day: date) -> None:
        time_machine.move_to(datetime.combine(day, time(10), tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)

    set_today(day)
    return set_today


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


@pytest.fixture
def clock(time_machine):
    """Call with a date to move the frozen clock there, at 10:00 in Shanghai."""
    return frozen_clock(time_machine, date(2021, 5, 10))


@pytest.fixture
def city(db, clock):
    from tests.inspections.world import build_city

    return build_city()
