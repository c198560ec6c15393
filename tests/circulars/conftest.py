import pytest


@pytest.fixture
def scene(db, time_machine):
    """The district on 5 March 2024, 10:00 in Beijing (``time_machine`` frozen)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.circulars.scene import build_scene

    time_machine.move_to(datetime(2024, 3, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    return build_scene()
