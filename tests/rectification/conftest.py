"""The city of ``tests.inspections.world`` on a frozen clock (10 May 2021, 10:00 in Shanghai), uploads in a
folder of the test's own: the fixtures of tests/worlds.py."""

from datetime import datetime

import pytest
import time_machine

from tests.worlds import city, clock, media_root  # noqa: F401  (shared fixtures)


@pytest.fixture
def world(db):
    """The 回头看 tests' region (``lookback_world``), on 10 May 2021."""
    from tests.rectification.lookback_world import TZ, build_world

    with time_machine.travel(datetime(2021, 5, 10, 10, tzinfo=TZ), tick=False):
        yield build_world()
