"""How a page's form calls a service: the one flow every page with action forms shares.

A service refuses with ``Refusal`` (or another ``ValidationError``: a refused value or state), ``StaleEdit``
(the page was out of date) or ``PermissionDenied`` (a wrong role). ``refusal_answer`` is the one mapping of
those to a status and a message — 422, 409, 403 — and the flows below are built on it:

- ``form_submit``: a form page (create, edit) shown again with the refusal on its form, or done;
- ``form_action``: an action form on a detail page: a message and a redirect back, or the page again,
  from a fresh read, with the form and its error;
- ``message_action``: a button whose outcome, done or refused, is a message on the page it returns to;
- htmx panels and rows call ``refusal_answer`` themselves and show the message in the part they swap.

A wrong role is left to Django's 403 unless a page says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse

from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.i18n import said_lazy

NOT_ALLOWED = said_lazy("您无权进行此操作。", "You may not do this.")

# The refusals a service raises on purpose. Anything else is a bug and should surface as one.
REFUSALS = (PermissionDenied, ValidationError, StaleEdit)


def refusal_answer(exc: Exception) -> tuple[int, str]:
    """HTTP status and message (in the active language) for a refusal: 403 wrong role, 409 stale version,
    422 a value or a step the object's state, deadline or content does not allow (``Refusal`` and other
    validation)."""
    if isinstance(exc, StaleEdit):
        return 409, str(exc)
    if isinstance(exc, PermissionDenied):
        return 403, str(exc) or str(NOT_ALLOWED)
    if isinstance(exc, ValidationError):
        return 422, " ".join(exc.messages)
    raise TypeError(f"not a refusal: {exc!r}")


def form_errors(form: Form) -> str:
    """A bound form's errors as one line, for a page or a panel that shows a message rather than the form."""
    return " ".join(message for errors in form.errors.values() for message in errors)


def add_refusal(form: Form, exc: ValidationError, *, field: str | None = None) -> None:
    """A service's ValidationError on the form: on ``field`` when given, else on the field it names when the
    form has it, else above the form."""
    if field is not None:
        form.add_error(field, exc.messages)
    elif hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@dataclass(frozen=True, slots=True)
class Submitted:
    """What ``form_submit`` made of a form: ``done`` with the service's ``result``, or refused with the
    ``status`` to show the page again with (the form holds a refused value; ``error`` a stale edit)."""

    done: bool
    result: Any = None
    status: int = 200
    error: str = ""


def form_submit(
    form: Form,
    act: Callable[[dict], Any],
    *,
    field: str | None = None,
    status: int = 422,
    denied_on_form: bool = False,
) -> Submitted:
    """Validate ``form`` and call the service, ``act(cleaned_data)``. An invalid form or a refused value is
    ``status`` (422 unless the page has always said otherwise) with the refusal on the form (on ``field``
    when given); a stale edit 409 with its message in ``error``. ``denied_on_form``: a wrong role is shown on
    the form too (a choice the user may not make) rather than as Django's 403 page."""
    if not form.is_valid():
        return Submitted(done=False, status=status)
    try:
        return Submitted(done=True, result=act(form.cleaned_data))
    except StaleEdit as exc:
        return Submitted(done=False, status=409, error=str(exc))
    except ValidationError as exc:
        add_refusal(form, exc, field=field)
    except PermissionDenied as exc:
        if not denied_on_form:
            raise
        form.add_error(field, refusal_answer(exc)[1])
    return Submitted(done=False, status=status)


def form_action(
    request: HttpRequest,
    *,
    load: Callable[[], Any],
    form: Form,
    form_name: str,
    act: Callable[[Any, dict], str],
    page: Callable[..., HttpResponse],
    back: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """``load()`` reads the object through its selector (404 out of scope); ``act(obj, cleaned_data)`` calls
    the service and returns the success message; ``page(request, obj, status=…, **form_or_error)`` renders
    the page; ``back(obj)`` is the redirect after success."""
    obj = load()
    if not form.is_valid():
        return page(request, obj, status=422, **{form_name: form})
    sent = form_submit(form, lambda data: act(obj, data))
    if sent.status == 409:
        return page(request, load(), status=409, error=sent.error)
    if not sent.done:
        return page(request, load(), status=sent.status, **{form_name: form})
    messages.success(request, sent.result)
    return back(obj)


def message_action(
    request: HttpRequest,
    act: Callable[[], str],
    *,
    back: HttpResponse,
    form: Form | None = None,
    invalid: str = "",
) -> HttpResponse:
    """A button whose outcome is a message on the page it returns to (``back``, a redirect): ``act()`` calls
    the service and returns the success message; a refused value, state or stale version is the error
    message. ``form``, when the button posts one (a version, a name), must be valid first, else ``invalid``
    (the form's own errors unless given)."""
    if form is not None and not form.is_valid():
        messages.error(request, invalid or form_errors(form))
        return back
    try:
        note = act()
    except (ValidationError, StaleEdit) as exc:
        messages.error(request, refusal_answer(exc)[1])
    else:
        messages.success(request, note)
    return back
