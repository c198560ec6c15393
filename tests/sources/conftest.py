"""The city of ``tests.inspections.world`` on a frozen clock (10 May 2021, 10:00 in Shanghai): its plan was
published that day (quarterly reports; the first period that counts is 2021 Q2, due 10 July)."""

from tests.worlds import city, clock, media_root  # noqa: F401  (shared fixtures)
