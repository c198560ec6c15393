"""Where an entry is placed when it is written: the unit and region of the person acting."""

import pytest
from django.db import transaction

from taizhang.audit.context import audit_source
from taizhang.audit.services import audit_record
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _record(actor):
    with transaction.atomic():
        return audit_record(actor=actor, action="test.place", obj=None)


def test_an_entry_is_placed_at_the_actors_unit_and_its_region(land):
    entry = _record(land.clerk_d)
    assert (entry.unit_ref, entry.region_ref) == (land.unit_d.pk, land.district_a.pk)


def test_an_administrator_without_a_unit_is_placed_in_the_region_of_their_grant(land):
    from taizhang.accounts.models import Role

    admin = make_user(unit=land.unit_a, role=Role.SECURITY_ADMIN, region=land.city_b)
    admin.unit = None
    admin.save(update_fields=["unit"])
    admin.refresh_from_db()
    entry = _record(admin)
    assert (entry.unit_ref, entry.region_ref) == (None, land.city_b.pk)


def test_a_command_without_an_actor_is_placed_nowhere_and_has_no_address(land):
    with audit_source("cmd:tick"):
        entry = _record(None)
    assert (entry.unit_ref, entry.region_ref, entry.ip, entry.source) == (None, None, None, "cmd:tick")
