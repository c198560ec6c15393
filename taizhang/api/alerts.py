"""The alerts endpoints (filled in by the alerts work)."""

from ninja import Router

router = Router(tags=["alerts"])
