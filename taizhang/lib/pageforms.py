"""How a page's form calls a service: the one flow every detail page with action forms shares.

Bind the form; call the service through ``act``; on success a message and a redirect back to the page; on a
refusal the page again, from a fresh read, with the form and its error: 422 for a refused value or state
(the service's ``ValidationError`` on the field it names), 409 for a stale version. A wrong role
(``PermissionDenied``) is left to Django's 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse

from taizhang.lib.concurrency import StaleEdit


def add_refusal(form: Form, exc: ValidationError) -> None:
    """A service's ValidationError on the form: on the field it names when the form has it, else above."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


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
    try:
        note = act(obj, form.cleaned_data)
    except StaleEdit as exc:
        return page(request, load(), status=409, error=str(exc))
    except ValidationError as exc:
        add_refusal(form, exc)
        return page(request, load(), status=422, **{form_name: form})
    messages.success(request, note)
    return back(obj)
