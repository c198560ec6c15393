"""Editing a regulation's fields: version-checked, by the office or the issuing unit, never its status."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.regulations.models import Regulation
from taizhang.regulations.services import regulation_create, regulation_update


@pytest.fixture
def regulation(city):
    return regulation_create(actor=city.office, region=city.region, title="旧名", issuing_unit=city.u1)


def _update(actor, regulation, **changes):
    fields = {
        "title": regulation.title,
        "issuing_unit": regulation.issuing_unit,
        "issued_on": regulation.issued_on,
        "doc_number": regulation.doc_number,
        "summary": regulation.summary,
        "expected_version": regulation.version,
    }
    return regulation_update(actor=actor, regulation=regulation, **{**fields, **changes})


def test_the_issuing_unit_edits_its_regulation_and_the_version_goes_up(city, regulation):
    _update(city.liaison1, regulation, title="新名", doc_number="甲发〔2021〕1号")
    regulation.refresh_from_db()
    assert (regulation.title, regulation.doc_number, regulation.version) == ("新名", "甲发〔2021〕1号", 2)


def test_a_stale_version_saves_nothing(city, regulation):
    with pytest.raises(StaleEdit):
        _update(city.office, regulation, title="新名", expected_version=regulation.version + 1)
    regulation.refresh_from_db()
    assert regulation.title == "旧名"


def test_another_unit_may_not_edit_and_the_issuing_unit_may_not_hand_it_away(city, regulation):
    with pytest.raises(PermissionDenied):
        _update(city.liaison2, regulation, title="新名")
    with pytest.raises(ValidationError, match="只能由惩防办更改"):
        _update(city.liaison1, regulation, issuing_unit=city.u2)
    _update(city.office, regulation, issuing_unit=city.u2)  # the office may
    regulation.refresh_from_db()
    assert (regulation.title, regulation.issuing_unit) == ("旧名", city.u2)


def test_an_abolished_regulation_is_not_edited(city, regulation):
    Regulation.objects.filter(pk=regulation.pk).update(status=Regulation.Status.ABOLISHED)
    regulation.refresh_from_db()
    with pytest.raises(Refusal, match="已废止"):
        _update(city.office, regulation, title="新名")
