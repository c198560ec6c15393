"""Response headers every answer carries: the Content-Security-Policy, and ``Cache-Control: no-store`` on
whatever a signed-in person is shown (pages, exports, downloads, the API), so a shared or public computer's
browser cache and an intermediary proxy keep no copy of a ledger, a case or an .xlsx.

The policy allows this origin's own files only: the pages use no inline script and no ``<style>`` element
(the vendored htmx is told not to add its indicator style, ``htmx-config`` in base.html); inline
``style="…"`` attributes stay allowed (``style-src-attr``) because ECharts writes its tooltips as HTML with
them. Nothing may frame a page (``frame-ancestors 'none'``, beside ``X-Frame-Options: DENY``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class SecurityHeadersMiddleware:
    """Adds the policy to every answer that has none of its own (``frame-ancestors 'none'`` to one that
    has, as a download's ``default-src 'none'; sandbox``), and ``no-store`` (with ``private`` and
    ``max-age=0``: Django's ``never_cache``) to every answer to a signed-in request unless its view set
    ``Cache-Control`` itself. Static files are answered by WhiteNoise before this and keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = response.get("Content-Security-Policy")
        if policy is None:
            response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        elif "frame-ancestors" not in policy:  # a view's own (a download's sandbox): framing still denied
            response["Content-Security-Policy"] = f"{policy}; frame-ancestors 'none'"
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if (signed_in or request.headers.get("Authorization")) and "Cache-Control" not in response:
            add_never_cache_headers(response)
        return response
