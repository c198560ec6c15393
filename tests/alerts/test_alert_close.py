"""alert_close: the office of the warning's region closes an open warning by decision, with a reason."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.alerts.models import Alert
from taizhang.alerts.services import alert_close
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.factories import make_alert

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_reader")]  # English refusals


def test_the_office_closes_a_warning_with_its_reason(city):
    alert = make_alert(unit=city.a)
    alert_close(actor=city.admin, alert=alert, reason="已批准延期", expected_version=1)
    alert.refresh_from_db()
    assert (alert.state, alert.closed_how, alert.closed_by, alert.close_reason) == (
        "closed",
        "decided",
        city.admin,
        "已批准延期",
    )
    event = AuditEvent.objects.get(action="alert.close")
    assert event.actor == city.admin and event.after["close_reason"] == "已批准延期"


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison_a", "head_a", "admin_x"])
def test_only_the_office_of_the_region_closes(city, who):
    alert = make_alert(unit=city.a)
    with pytest.raises(PermissionDenied, match="Only the office"):
        alert_close(actor=getattr(city, who), alert=alert, reason="x", expected_version=1)
    assert Alert.objects.get(pk=alert.pk).state == "open"


def test_a_reason_is_required_and_a_closed_warning_stays_as_it_was(city):
    alert = make_alert(unit=city.a)
    with pytest.raises(Refusal) as refused:
        alert_close(actor=city.admin, alert=alert, reason="", expected_version=1)
    assert refused.value.zh == "请填写解除理由。" and refused.value.en == "The reason is required."
    alert_close(actor=city.admin, alert=alert, reason="核实", expected_version=1)
    with pytest.raises(Refusal, match="The warning is closed"):
        alert_close(actor=city.admin, alert=alert, reason="again", expected_version=2)
    assert Alert.objects.get(pk=alert.pk).close_reason == "核实"
