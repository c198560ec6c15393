"""explanation_list and explanation_give: the unit's lines not started or overdue, and the reason it gives,
which the office then reads on the 看查问 page."""

import pytest
from django.urls import reverse

from taizhang.supervision.models import AssignmentExplanation
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def test_the_unit_sees_its_own_lines_to_explain_and_no_others(client, city, lines):
    client.force_login(city.liaison1)
    response = client.get(reverse("explanation_list"))
    assert {line.pk for line in response.context["rows"]} == {lines.idle_u1.pk, lines.draft_u1.pk}


def test_a_reason_given_is_recorded_and_shown_to_the_office(client, city, lines):
    client.force_login(city.head2)
    response = client.post(
        reverse("explanation_give", args=[lines.late_u2.pk]), {"reason": "专项资金尚未到位"}
    )
    assert response.status_code == 302
    explanation = AssignmentExplanation.objects.get()
    assert (explanation.assignment, explanation.situation, explanation.given_by) == (
        lines.late_u2,
        "overdue",
        city.head2,
    )
    assert "专项资金尚未到位" in page(client.get(reverse("explanation_list")))
    client.force_login(city.office)
    html = page(client.get(reverse("plan_review3", args=[lines.plan.pk]), {"bucket": "ask"}))
    assert "专项资金尚未到位" in html


def test_a_line_in_progress_is_refused_with_the_message(client, city, lines):
    client.force_login(city.liaison1)
    response = client.post(reverse("explanation_give", args=[lines.progress_u1.pk]), {"reason": "无"})
    assert response.status_code == 422 and "无需说明原因" in page(response)
    assert not AssignmentExplanation.objects.exists()


def test_another_units_line_is_404(client, city, lines):
    client.force_login(city.liaison1)
    assert (
        client.post(reverse("explanation_give", args=[lines.late_u2.pk]), {"reason": "代答"}).status_code
        == 404
    )


def test_the_lead_unit_reads_its_cooperating_line_but_cannot_explain_it(client, city, lines):
    client.force_login(city.liaison1)  # U1 leads task 1, where U2 cooperates
    url = reverse("explanation_give", args=[lines.ongoing_u2.pk])
    assert client.post(url, {"reason": "代答"}).status_code == 403


@pytest.mark.parametrize("who", ["office", "leader"])
def test_the_office_and_leaders_get_403(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("explanation_list")).status_code == 403
