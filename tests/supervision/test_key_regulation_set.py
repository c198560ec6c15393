"""key_regulation_set: a unit names between TAIZHANG_KEY_REGULATIONS_MIN and _MAX key regulations a year,
picked from the register or named by a title (added to the register when new); the list replaces the last."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.regulations.models import Regulation
from taizhang.supervision.models import KeyRegulation
from taizhang.supervision.services import key_regulation_set
from tests.factories import make_region, make_regulation

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(city):
    return [
        make_regulation(title="公务接待管理办法", region=city.region),
        make_regulation(title="政府采购管理办法", region=city.region),
        make_regulation(title="党政机关厉行节约反对浪费条例"),  # central: no region
    ]


def _titles(unit, year=2021):
    return sorted(
        KeyRegulation.objects.filter(unit=unit, year=year).values_list("regulation__title", flat=True)
    )


def test_a_unit_names_regulations_from_the_register(city, register):
    rows = key_regulation_set(actor=city.liaison1, unit=city.u1, year=2021, regulations=register[:2])
    assert len(rows) == 2 and {r.named_by for r in rows} == {city.liaison1}
    assert _titles(city.u1) == ["公务接待管理办法", "政府采购管理办法"]
    event = AuditEvent.objects.get(action="keyregulation.set")
    assert event.before["regulations"] == [] and event.after["year"] == 2021


def test_a_title_not_in_the_register_is_added_to_it(city, register):
    key_regulation_set(
        actor=city.head1, unit=city.u1, year=2021, regulations=[register[2], "《干部选拔任用工作监督办法》"]
    )
    added = Regulation.objects.get(title="干部选拔任用工作监督办法")
    assert added.region == city.region
    assert _titles(city.u1) == ["党政机关厉行节约反对浪费条例", "干部选拔任用工作监督办法"]
    assert AuditEvent.objects.filter(action="regulation.create", object_id=str(added.pk)).exists()


def test_a_title_already_in_the_register_is_not_added_twice(city, register):
    key_regulation_set(
        actor=city.liaison1, unit=city.u1, year=2021, regulations=["公务接待管理办法", register[1]]
    )
    assert Regulation.objects.filter(title="公务接待管理办法").count() == 1


def test_fewer_than_the_minimum_is_refused_with_the_numbers(city, register, settings):
    settings.TAIZHANG_KEY_REGULATIONS_MIN, settings.TAIZHANG_KEY_REGULATIONS_MAX = 2, 3
    with pytest.raises(Refusal) as refused:
        key_regulation_set(actor=city.liaison1, unit=city.u1, year=2021, regulations=[register[0], "  "])
    assert refused.value.code == "key_regulation_count"
    assert refused.value.zh == "每个责任单位每年须明确 2—3 项重点制度，本次为 1 项。"
    assert not KeyRegulation.objects.exists()


def test_more_than_the_maximum_is_refused_and_no_title_is_added(city, register, settings):
    settings.TAIZHANG_KEY_REGULATIONS_MIN, settings.TAIZHANG_KEY_REGULATIONS_MAX = 2, 3
    with pytest.raises(Refusal, match="本次为 4 项"):
        key_regulation_set(actor=city.liaison1, unit=city.u1, year=2021, regulations=[*register, "新制度"])
    assert not KeyRegulation.objects.exists() and not Regulation.objects.filter(title="新制度").exists()


def test_the_same_regulation_twice_counts_once(city, register):
    with pytest.raises(Refusal, match="本次为 1 项"):
        key_regulation_set(
            actor=city.liaison1, unit=city.u1, year=2021, regulations=[register[0], "《公务接待管理办法》"]
        )


def test_the_list_replaces_the_years_list_and_leaves_other_years(city, register):
    key_regulation_set(actor=city.liaison1, unit=city.u1, year=2021, regulations=register[:2])
    key_regulation_set(actor=city.liaison1, unit=city.u1, year=2020, regulations=register[:2])
    key_regulation_set(actor=city.liaison1, unit=city.u1, year=2021, regulations=register[1:])
    assert _titles(city.u1) == ["党政机关厉行节约反对浪费条例", "政府采购管理办法"]
    assert _titles(city.u1, 2020) == ["公务接待管理办法", "政府采购管理办法"]


def test_a_regulation_of_another_region_cannot_be_picked(city, register):
    other = make_regulation(title="外地制度", region=make_region())
    with pytest.raises(Refusal) as refused:
        key_regulation_set(actor=city.liaison1, unit=city.u1, year=2021, regulations=[register[0], other])
    assert refused.value.code == "not_in_register"


def test_an_abolished_regulation_cannot_be_picked(city, register):
    register[0].status = Regulation.Status.ABOLISHED
    register[0].save()
    with pytest.raises(Refusal):
        key_regulation_set(actor=city.liaison1, unit=city.u1, year=2021, regulations=register[:2])


def test_a_year_far_off_is_refused(city, register):
    with pytest.raises(Refusal) as refused:
        key_regulation_set(actor=city.liaison1, unit=city.u1, year=2030, regulations=register[:2])
    assert refused.value.code == "bad_year"


def test_the_office_may_name_them_for_a_unit(city, register):
    key_regulation_set(actor=city.office, unit=city.u1, year=2021, regulations=register[:2])
    assert len(_titles(city.u1)) == 2


@pytest.mark.parametrize("who", ["liaison2", "leader", "inspector", "far_office"])
def test_nobody_else_names_a_units_key_regulations(city, register, who):
    with pytest.raises(PermissionDenied):
        key_regulation_set(actor=getattr(city, who), unit=city.u1, year=2021, regulations=register[:2])
