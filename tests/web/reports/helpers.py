"""Values and helpers shared by the report page tests."""

from __future__ import annotations

from datetime import date

Q1 = date(2021, 1, 1)  # the first quarter of 2021: due 10 April 2021
PDF = "%PDF-1.4 会议纪要".encode()


def edit_url(line, day: date = Q1) -> str:
    from django.urls import reverse

    return reverse("report_edit", args=[line.pk, day])


def htmx(**headers: str) -> dict[str, str]:
    return {"HX-Request": "true", **headers}


def page(response) -> str:
    return response.content.decode()
