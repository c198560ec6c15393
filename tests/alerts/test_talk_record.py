"""talk_record: the office covering a unit records an admonition talk — who, when, notes — about one of
the unit's warnings or its work in general; a date in the future, a warning of another unit or a reader is
refused and nothing is saved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.alerts.models import AdmonitionTalk
from taizhang.alerts.services import talk_record
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.factories import make_alert

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_reader")]  # English refusals


def _talk(city, actor=None, **fields):
    values = {
        "unit": city.a,
        "talked_with": "王局长（局长）",
        "held_by": "李书记",
        "held_on": date(2021, 5, 9),
        "notes": "指出问题，提出要求",
    }
    return talk_record(actor=actor or city.admin, **(values | fields))


def test_the_office_records_a_talk_about_a_warning(city):
    alert = make_alert(unit=city.a, level="red", required="talk")
    talk = _talk(city, alert=alert)
    assert (talk.alert, talk.unit, talk.recorded_by, talk.held_on) == (
        alert,
        city.a,
        city.admin,
        date(2021, 5, 9),
    )
    assert AuditEvent.objects.get(action="talk.record").object_id == str(talk.pk)


def test_a_talk_may_be_about_the_units_work_in_general(city):
    assert _talk(city).alert is None


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison_a", "admin_x"])
def test_only_the_office_records_talks(city, who):
    with pytest.raises(PermissionDenied, match="Only the office"):
        _talk(city, actor=getattr(city, who))
    assert not AdmonitionTalk.objects.exists()


@pytest.mark.parametrize(
    ("fields", "zh"),
    [
        ({"held_on": date(2021, 5, 11)}, "谈话日期不能晚于今天。"),
        ({"notes": " "}, "请填写谈话记录。"),
        ({"talked_with": ""}, "请填写谈话对象（不超过100字）。"),
    ],
)
def test_a_refused_talk_saves_nothing(city, fields, zh):
    with pytest.raises(Refusal) as refused:
        _talk(city, **fields)
    assert refused.value.zh == zh and refused.value.en
    assert not AdmonitionTalk.objects.exists()


def test_a_talk_about_another_units_warning_is_refused(city):
    with pytest.raises(Refusal, match="not this unit's"):
        _talk(city, alert=make_alert(unit=city.b))
