"""order_create: the office's form drafts an order, or drafts and issues it at once."""

import pytest
from django.urls import reverse

from taizhang.supervision.models import SupervisionOrder
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def _post(client, city, **overrides):
    data = {
        "title": "关于落实公务接待制度的督办单",
        "requirement": "请于6月底前报送落实情况。",
        "deadline": "2021-06-30",
        "priority": "important",
        "topic": "公务接待",
        "units": [city.u1.pk, city.u2.pk],
        "action": "save",
    } | overrides
    return client.post(reverse("order_create"), data)


def test_the_form_offers_the_units_of_the_offices_region(client, city):
    client.force_login(city.office)
    html = page(client.get(reverse("order_create")))
    assert "市发展和改革委员会" in html and "市财政局" in html and "黄石市财政局" not in html


def test_saving_drafts_the_order_and_shows_it(client, city):
    client.force_login(city.office)
    response = _post(client, city)
    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("order_detail", args=[order.pk])
    assert order.state == "draft" and order.recipients.count() == 2


def test_issue_drafts_and_issues_in_one_go(client, city):
    client.force_login(city.office)
    _post(client, city, action="issue")
    assert SupervisionOrder.objects.get().state == "issued"


def test_a_deadline_in_the_past_is_refused_with_the_form_again_and_nothing_saved(client, city):
    client.force_login(city.office)
    response = _post(client, city, deadline="2021-06-01")
    assert response.status_code == 422
    assert "办理时限不能早于今天" in page(response) and "关于落实公务接待制度的督办单" in page(response)
    assert not SupervisionOrder.objects.exists()


def test_a_unit_of_another_region_is_not_a_choice(client, city):
    client.force_login(city.office)
    assert _post(client, city, units=[city.far.pk]).status_code == 422
    assert not SupervisionOrder.objects.exists()


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison1"])
def test_others_get_403(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("order_create")).status_code == 403
    assert _post(client, city).status_code == 403
