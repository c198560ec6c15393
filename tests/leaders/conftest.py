"""The city of ``tests.inspections.world`` on a frozen clock (10 May 2021): the fixtures of tests/worlds.py."""

from tests.worlds import city, clock, media_root  # noqa: F401  (shared fixtures)
