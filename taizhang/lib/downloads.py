"""The ``Content-Disposition`` of every download (stored files, .xlsx and .docx exports)."""

from __future__ import annotations

from urllib.parse import quote


def content_disposition(name: str, *, ascii_name: str) -> str:
    """``attachment`` with ``name`` as RFC 5987 ``filename*=UTF-8''…`` (any language), after a plain
    ``filename`` (``ascii_name``, which the caller keeps ASCII and free of quotes) for clients that read
    only that."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
