"""The regulations endpoints (filled in by the regulations work)."""

from ninja import Router

router = Router(tags=["regulations"])
