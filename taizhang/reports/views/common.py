"""What the report views share: turning a service's refusal into a status and a message."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form

from taizhang.lib.concurrency import StaleEdit

NOT_ALLOWED = "您无权进行此操作。 / You may not do this."

# The refusals a report service raises on purpose. Anything else is a bug and should surface as one.
REFUSALS = (PermissionDenied, ValidationError, StaleEdit)


def refusal(exc: Exception) -> tuple[int, str]:
    """HTTP status and bilingual message for a refusal: 403 wrong role, 409 stale version, 422 a step
    the report's state, deadline or content does not allow (``Refusal`` and other validation)."""
    if isinstance(exc, StaleEdit):
        return 409, str(exc)
    if isinstance(exc, PermissionDenied):
        return 403, str(exc) or NOT_ALLOWED
    if isinstance(exc, ValidationError):
        return 422, " ".join(exc.messages)
    raise TypeError(f"not a refusal: {exc!r}")


def form_errors(form: Form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)
