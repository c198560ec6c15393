"""limit/offset pages with a total: two queries whatever the page size."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from taizhang.api.schemas import PageQuery


def page(queryset: QuerySet, query: PageQuery) -> dict[str, Any]:
    return {
        "items": list(queryset[query.offset : query.offset + query.limit]),
        "total": queryset.count(),
        "limit": query.limit,
        "offset": query.offset,
    }
