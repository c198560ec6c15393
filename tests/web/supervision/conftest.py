"""The supervision pages on the city of tests/supervision/conftest.py (two units, a person for every role,
an order to both units due 30 June 2021, the clock on 20 June 2021), with uploads in a folder of the
test's own."""

from __future__ import annotations

import pytest

from tests.supervision.conftest import city, clock, lines, order, r1, r2  # noqa: F401  (shared fixtures)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return settings.MEDIA_ROOT


def page(response) -> str:
    return response.content.decode()
