"""登记制度: who may register, the title rules, the statuses a new regulation may have, the audit entry."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.regulations.models import Regulation
from taizhang.regulations.services import regulation_create


def test_the_office_registers_any_unit_s_regulation_without_the_book_title_marks(city):
    regulation = regulation_create(
        actor=city.office, region=city.region, title=" 《公务接待管理办法》 ", issuing_unit=city.u2
    )
    assert (regulation.title, regulation.status, regulation.issuing_unit) == (
        "公务接待管理办法",
        "in_force",
        city.u2,
    )
    assert AuditEvent.objects.get(action="regulation.create").object_id == str(regulation.pk)


def test_a_unit_registers_its_own_regulation_but_not_another_unit_s(city):
    own = regulation_create(actor=city.liaison1, region=city.region, title="本局制度", issuing_unit=city.u1)
    assert own.issuing_unit == city.u1
    with pytest.raises(PermissionDenied):
        regulation_create(actor=city.liaison1, region=city.region, title="他局制度", issuing_unit=city.u2)
    with pytest.raises(PermissionDenied):
        regulation_create(actor=city.liaison1, region=city.region, title="无单位制度")
    assert Regulation.objects.count() == 1


def test_a_leader_and_another_city_s_office_may_not_register(city):
    for actor in (city.leader, city.office_b):
        with pytest.raises(PermissionDenied):
            regulation_create(actor=actor, region=city.region, title="制度")
    assert not Regulation.objects.exists()


def test_a_title_is_required_and_unique_among_the_region_s_live_regulations(city):
    with pytest.raises(ValidationError, match="请填写制度名称"):
        regulation_create(actor=city.office, region=city.region, title="《 》")
    regulation_create(actor=city.office, region=city.region, title="会议制度")
    with pytest.raises(ValidationError, match=r"已有《会议制度》"):
        regulation_create(actor=city.office, region=city.region, title="《会议制度》")
    Regulation.objects.update(status=Regulation.Status.ABOLISHED)
    regulation_create(
        actor=city.office, region=city.region, title="会议制度"
    )  # an abolished one is no obstacle
    regulation_create(actor=city.office_b, region=city.other, title="会议制度")  # nor another region's
    assert Regulation.objects.filter(title="会议制度").count() == 3


@pytest.mark.parametrize("status", [Regulation.Status.REVISING, Regulation.Status.ABOLISHED])
def test_a_new_regulation_is_only_in_force_or_being_drafted(city, status):
    with pytest.raises(ValidationError, match="现行有效或起草中"):
        regulation_create(actor=city.office, region=city.region, title="制度", status=status)
    assert not Regulation.objects.exists()


def test_the_issuing_unit_belongs_to_the_region_and_the_date_is_not_in_the_future(city):
    with pytest.raises(ValidationError, match="制定单位须属于本地区"):
        regulation_create(actor=city.office, region=city.region, title="制度", issuing_unit=city.ub)
    with time_machine.travel(date(2021, 4, 5)), pytest.raises(ValidationError, match="不能晚于今天"):
        regulation_create(actor=city.office, region=city.region, title="制度", issued_on=date(2021, 4, 6))
    assert not Regulation.objects.exists()
