"""Project-level views that belong to no app."""

from django.http import HttpRequest, HttpResponse


def home(request: HttpRequest) -> HttpResponse:
    """Placeholder until the ledger pages exist."""
    return HttpResponse("台账 taizhang", content_type="text/plain; charset=utf-8")
