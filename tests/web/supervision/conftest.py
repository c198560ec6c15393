"""The supervision pages on the city of tests/supervision/conftest.py (two units, a person for every role,
an order to both units due 30 June 2021, the clock on 20 June 2021), with uploads in a folder of the
test's own."""

from __future__ import annotations

from tests.supervision.conftest import city, clock, lines, order, r1, r2  # noqa: F401  (shared fixtures)
from tests.worlds import media_root  # noqa: F401  (shared fixture)


def page(response) -> str:
    return response.content.decode()
