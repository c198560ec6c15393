"""The assessment endpoints (filled in by the assessment work)."""

from ninja import Router

router = Router(tags=["assessment"])
