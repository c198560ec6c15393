"""alert_explain: the unit's liaison or head answers its own open warning that asks for it; anyone else,
a closed warning or one that asks for nothing is refused (in Chinese and English) and nothing is saved."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.alerts.models import Alert
from taizhang.alerts.services import alert_close, alert_explain
from taizhang.audit.models import AuditEvent
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from tests.factories import make_alert

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_reader")]  # English refusals


def _explain(actor, alert, text="人员调整，工作滞后"):
    return alert_explain(actor=actor, alert=alert, explanation=text, expected_version=alert.version)


def test_the_units_head_explains_a_yellow_warning(city):
    alert = make_alert(unit=city.a, level="yellow", required="explain")
    _explain(city.head_a, alert)
    alert.refresh_from_db()
    assert (alert.explanation, alert.explained_by, alert.version) == ("人员调整，工作滞后", city.head_a, 2)
    assert alert.explained_at is not None
    assert AuditEvent.objects.filter(action="alert.explain", object_id=str(alert.pk)).exists()


def test_a_red_warning_asking_for_a_talk_may_be_explained_too(city):
    alert = make_alert(unit=city.a, level="red", required="talk")
    _explain(city.liaison_a, alert)
    assert Alert.objects.get(pk=alert.pk).explanation


@pytest.mark.parametrize("who", ["liaison_b", "admin", "leader", "unit_leader_a"])
def test_only_the_units_liaison_or_head_explains(city, who):
    alert = make_alert(unit=city.a, level="yellow", required="explain")
    with pytest.raises(PermissionDenied, match="Only the unit's liaison or head"):
        _explain(getattr(city, who), alert)
    assert Alert.objects.get(pk=alert.pk).explanation == ""


def test_a_notice_asks_for_no_explanation(city):
    alert = make_alert(unit=city.a, level="notice", required="none")
    with pytest.raises(Refusal) as refused:
        _explain(city.liaison_a, alert)
    assert refused.value.zh == "该预警无需说明原因。" and "does not ask" in refused.value.en
    assert Alert.objects.get(pk=alert.pk).version == 1


def test_a_closed_warning_takes_no_explanation(city):
    alert = make_alert(unit=city.a, level="yellow", required="explain")
    alert_close(actor=city.admin, alert=alert, reason="误报", expected_version=1)
    with pytest.raises(Refusal, match="The warning is closed"):
        _explain(city.liaison_a, alert)


def test_a_blank_explanation_or_a_stale_page_saves_nothing(city):
    alert = make_alert(unit=city.a, level="yellow", required="explain")
    with pytest.raises(Refusal, match="The explanation is required"):
        _explain(city.liaison_a, alert, text="  ")
    with pytest.raises(StaleEdit):
        alert_explain(actor=city.liaison_a, alert=alert, explanation="x", expected_version=7)
    assert Alert.objects.get(pk=alert.pk).explanation == ""
    assert not AuditEvent.objects.filter(action="alert.explain").exists()
