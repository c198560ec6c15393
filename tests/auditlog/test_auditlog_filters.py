"""Each filter of the audit log page narrows the entries to what it names."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse

from taizhang.alerts.models import Alert
from taizhang.audit.services import COVERS, audit_record_values, audit_values
from tests.auditlog.helpers import T0, add_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(land, client):
    city = land.city_a.pk
    add_entries(3, action="plan.publish", region_ref=city, actor=land.clerk_a, unit_ref=land.unit_a.pk)
    add_entries(2, action="report.submit", region_ref=city, actor=land.clerk_d, unit_ref=land.unit_d.pk,
                at=T0 + timedelta(days=3), object_type="reports.progressreport", object_id="77")  # fmt: skip
    add_entries(1, action="auth.login_failed", region_ref=city, ip="10.7.7.7", result="failure",
                at=T0 + timedelta(days=10))  # fmt: skip
    client.force_login(land.auditor_a)
    return land


def _ids(client, **params):
    response = client.get(reverse("audit_log"), params)
    assert response.status_code == 200, response.context["form"].errors
    return [(row["entry"].action, row["entry"].object_id) for row in response.context["rows"]]


def test_a_time_range_keeps_the_entries_of_those_days(client, logged):
    assert {a for a, _ in _ids(client, start="2024-03-08", end="2024-03-08")} == {"report.submit"}
    assert {a for a, _ in _ids(client, end="2024-03-05")} == {"plan.publish"}


def test_the_user_filter_takes_the_account_name(client, logged):
    assert {a for a, _ in _ids(client, user="clerk_d")} == {"report.submit"}


def test_the_action_filter_offers_the_actions_present(client, logged):
    form = client.get(reverse("audit_log")).context["form"]
    assert {"plan.publish", "report.submit", "auth.login_failed"} <= {
        v for v, _ in form.fields["action"].choices
    }
    assert len(_ids(client, action="plan.publish")) == 3


def test_the_object_filter_finds_one_object(client, logged):
    assert _ids(client, object_type="reports.progressreport", object_id="77") == [("report.submit", "77")] * 2
    assert _ids(client, object_type="reports.progressreport", object_id="78") == []


def test_the_object_filter_finds_an_entry_recording_many_objects(client, logged):
    """The tick records the warnings it raises one entry a unit (``alert.raise_batch``, the ids under
    ``covers``): filtering by one of those warnings finds that entry, and by another warning not it."""
    with transaction.atomic():
        values = audit_values(
            model=Alert, action="alert.raise_batch", at=T0, place=(logged.unit_d.pk, logged.city_a.pk),
            object_repr="2 条预警", after={"alerts": [{"id": 501}, {"id": 502}]},
        )  # fmt: skip
        audit_record_values([{**values, COVERS: [501, 502]}])
    assert _ids(client, object_type="alerts.alert", object_id="502") == [("alert.raise_batch", "")]
    assert _ids(client, object_type="alerts.alert", object_id="503") == []


def test_the_unit_filter_takes_part_of_a_unit_name(client, logged):
    # the administrator's own sign-in is placed at 甲市发改委 too, and so are the accounts made there without
    # an actor (as a command makes them): an entry without an actor is placed where its record is
    assert {a for a, _ in _ids(client, unit="发改委")} == {
        "plan.publish",
        "auth.login",
        "user.create",
        "role.grant",
    }
    assert {a for a, _ in _ids(client, unit="甲区财政")} == {"report.submit", "user.create"}


def test_a_unit_outside_the_administrators_region_finds_nothing(client, logged):
    add_entries(1, action="elsewhere", region_ref=logged.city_a.pk, unit_ref=logged.unit_b.pk)
    assert _ids(client, unit="乙市财政局") == []


def test_the_ip_filter_finds_the_failed_sign_in(client, logged):
    assert _ids(client, ip="10.7.7.7") == [("auth.login_failed", "")]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ip": "10.7.7"}, "IP"),
        ({"start": "2024-03-09", "end": "2024-03-01"}, "起始日期不能晚于截止日期"),
        ({"object_id": "77"}, "请同时选择对象类型"),
        ({"action": "no.such.action"}, "action"),
    ],
)
def test_a_bad_filter_is_refused_with_a_message_and_no_entries(client, logged, params, message):
    response = client.get(reverse("audit_log"), params)
    assert response.status_code == 400
    assert "rows" not in response.context
    assert response.context["form"].errors
