"""order_issue: the office issues a draft to its units; from then on the units see it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.supervision.models import SupervisionOrder
from taizhang.supervision.services import order_issue
from tests.factories import make_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(city):
    return make_order(units=[city.u1], issuer=city.office, state="draft", deadline=date(2021, 6, 30))


def test_the_office_issues_a_draft(city, draft):
    issued = order_issue(actor=city.office, order=draft, expected_version=draft.version)
    stored = SupervisionOrder.objects.get(pk=draft.pk)
    assert issued.state == stored.state == "issued" and stored.issued_at is not None
    assert stored.version == 2
    event = AuditEvent.objects.get(action="order.issue")
    assert (event.before, event.after["state"]) == ({"state": "draft"}, "issued")


def test_an_issued_order_cannot_be_issued_again(city, order):
    with pytest.raises(Refusal) as refused:
        order_issue(actor=city.office, order=order, expected_version=order.version)
    assert refused.value.code == "wrong_state"


def test_a_draft_whose_deadline_has_passed_is_not_issued(city, draft, clock):
    clock(date(2021, 7, 1))
    with pytest.raises(Refusal) as refused:
        order_issue(actor=city.office, order=draft, expected_version=draft.version)
    assert refused.value.code == "deadline_past"
    assert SupervisionOrder.objects.get(pk=draft.pk).state == "draft"


def test_a_draft_without_units_is_not_issued(city):
    empty = make_order(units=[], region=city.region, issuer=city.office, state="draft")
    with pytest.raises(Refusal, match="承办单位"):
        order_issue(actor=city.office, order=empty, expected_version=empty.version)


@pytest.mark.parametrize("who", ["leader", "liaison1", "far_office"])
def test_only_the_office_of_the_region_issues(city, draft, who):
    with pytest.raises(PermissionDenied):
        order_issue(actor=getattr(city, who), order=draft, expected_version=draft.version)


def test_issuing_from_an_outdated_page_is_a_stale_edit(city, draft):
    with pytest.raises(StaleEdit):
        order_issue(actor=city.office, order=draft, expected_version=draft.version + 1)
    assert SupervisionOrder.objects.get(pk=draft.pk).state == "draft"
