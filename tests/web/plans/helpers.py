"""Reading the import preview's rows from a response or the session."""

from django.urls import reverse


def preview_rows(client) -> list:
    """The task rows of the preview page, in order (each has ``id`` and ``task``)."""
    items = client.get(reverse("plan_import_preview")).context["items"]
    return [item for item in items if not item.is_heading]


def sha256(client) -> str:
    return client.session["plan_import"]["preview"]["sha256"]


HTMX = {"HX-Request": "true"}
