"""The import pages on the district and unit register of tests/plans/conftest.py (seed 004), and helpers
that drive the upload and the preview as the office would.

Model imports stay inside functions: pytest loads this file before Django is set up when the folder is
named on the command line."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.plans import conftest as plans_fixtures
from tests.plans.conftest import SEED_004_LONG

# The district, its unit register, its office admin and seed 004, from tests/plans.
district = plans_fixtures.district
register = plans_fixtures.register
office = plans_fixtures.office
seed_004 = plans_fixtures.seed_004

FIELDS = {"level": "district", "period_start": 2020, "period_end": 2024, "report_cadence": "quarter"}


def upload(client, region, data: bytes, name: str = "004.txt", **fields):
    """POST the upload form; the response is not followed."""
    body = {**FIELDS, "region": region.pk, **fields, "file": SimpleUploadedFile(name, data)}
    return client.post(reverse("plan_import"), body)


def confirm_body(response, mapping: dict | None = None, **fields) -> dict:
    """The confirm form as the preview page filled it in, plus the office's choices for the unit names."""
    form = response.context["form"]
    body = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    body.pop("allow_duplicate", None)
    mapping = mapping or {}
    body["map_name"] = list(mapping)
    body["map_unit"] = [str(v) for v in mapping.values()]
    return {**body, **fields}


def register_mapping(units: dict) -> dict:
    """What the office picks for the names the register spells the long way (区法院 → 区人民法院)."""
    return {printed: units[registered].pk for printed, registered in SEED_004_LONG.items()}


@pytest.fixture
def previewing(client, district, register, office, seed_004):
    """The office signed in with seed 004 uploaded: ``client.get(preview)`` shows its preview."""
    client.force_login(office)
    response = upload(client, district, seed_004)
    assert response.status_code == 302, response.content.decode()[:2000]
    choose_wildcard(client, "有关单位", action="none")  # seed 004's 有关单位: the units it names
    return client


def choose_wildcard(client, word: str, *, action: str = "save", units=(), row: int | None = None):
    """The office's choice on the 泛称 page: ``action`` save (``units``), none, reset, add:<kind> …"""
    session_preview = client.session["plan_import"]["preview"]
    body = {
        "word": word,
        "action": action,
        "sha256": session_preview["sha256"],
        "unit": [u.pk for u in units],
    }
    if row is not None:
        body["row"] = row
    return client.post(reverse("plan_import_wildcard"), body)


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    """A file store per test: uploads waiting for their confirm are kept by digest in the default storage
    (``import-uploads/``), and tests running in parallel upload the same file."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "import-uploads"
