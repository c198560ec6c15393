"""The city of ``tests.inspections.world`` on a frozen clock (10 May 2021): tests/worlds.py."""

from tests.worlds import city, clock, media_root  # noqa: F401  (shared fixtures)
