"""A small region (``scene.build_scene``) on a frozen clock: 1 March 2021, when the 2020 assessment runs."""

import pytest
import time_machine


@pytest.fixture
def clock():
    from tests.assessment.scene import RUN_AT

    with time_machine.travel(RUN_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def scene(db, clock):
    from tests.assessment.scene import build_scene

    return build_scene()
