"""泛称 in a plan import: expansion by unit kind, vague words held for the office's choice, choices for the
whole plan and for one task kept at confirm (plans.importing.wildcards)."""

import pytest

from taizhang.docparse.wildcards import TABLE
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal
from taizhang.plans.importing import import_confirm, import_preview
from taizhang.plans.importing.wildcards import wildcard_choose
from taizhang.plans.models import Plan
from taizhang.units.models import Region, Unit
from tests.factories import make_region, make_unit
from tests.plans.conftest import PLAN_FIELDS, SEED_004_EXACT

pytestmark = pytest.mark.django_db

STREETS = ("城关街道办事处", "东城街道办事处", "西城街道办事处", "南城街道办事处")
PLAN = """测试区工作方案
一、监督
1.街道廉政风险排查。
牵头单位：各街道办事处
2.乡镇廉政风险排查。
牵头单位：各乡镇
3.部门权力清单。
牵头单位：区纪委
配合单位：各部门
4.专项检查。
牵头单位：区纪委
配合单位：区财政局等有关单位
5.廉政教育。
牵头单位：区纪委
配合单位：有关单位
6.全面自查。
配合单位：各单位
"""


def _kind(name: str) -> str:
    if "法院" in name or "检察院" in name:
        return Unit.Kind.JUDICIAL
    if name.startswith("区委") or name.startswith("区纪委") or name in ("区直机关工委", "区编办"):
        return Unit.Kind.PARTY
    if name.startswith(("区工会", "团区委", "区妇联", "区工商联")):
        return Unit.Kind.MASS
    if name.startswith("XX"):
        return Unit.Kind.VERTICAL
    return Unit.Kind.GOVERNMENT


@pytest.fixture
def district_57(district):
    """The district of the issue: 57 units — seed 004's register with its courts and procuratorate, and
    four street offices — each of its kind."""
    units = {name: make_unit(region=district, name=name, kind=_kind(name)) for name in SEED_004_EXACT}
    units["区发展改革委"] = make_unit(region=district, name="区发展改革委", kind=Unit.Kind.GOVERNMENT)
    for name in STREETS:
        units[name] = make_unit(region=district, name=name, kind=Unit.Kind.STREET)
    units["横沟桥镇"] = make_unit(region=district, name="横沟桥镇", kind=Unit.Kind.TOWNSHIP)
    units.pop("区统计局").delete()  # 53 + 4 streets + 1 township − 1 = 57
    assert Unit.objects.filter(region=district).count() == 57
    return units


@pytest.fixture
def preview(district, district_57, office):
    return import_preview(actor=office, file_name="plan.txt", data=PLAN.encode(), region=district)


def _given(preview, word):
    return {u["name"] for u in next(w for w in preview.wildcards if w.name == word).units}


def _confirm(preview, office, district):
    return import_confirm(
        actor=office,
        preview=preview,
        unit_mapping={},
        region=district,
        data=PLAN.encode(),
        file_name="plan.txt",
        **{**PLAN_FIELDS, "title": "测试区工作方案"},
    )


def _lines(plan, number):
    rows = Assignment.objects.filter(task__plan=plan, task__number=number).exclude(from_wildcard="")
    return {a.unit.name for a in rows}


def test_streets_come_from_the_street_word_and_no_court_does(preview, district_57):
    assert _given(preview, "各街道办事处") == set(STREETS)
    courts = {n for n, u in district_57.items() if u.kind == Unit.Kind.JUDICIAL}
    assert courts == {"区人民检察院", "区人民法院"}
    assert not courts & _given(preview, "各街道办事处")


def test_each_word_class_expands_to_its_kind(preview, district_57):
    assert _given(preview, "各乡镇") == {"横沟桥镇"}
    departments = {n for n, u in district_57.items() if u.kind in ("party", "government")}
    assert _given(preview, "各部门") == departments and "区工会" not in departments
    assert len(_given(preview, "各单位")) == 57


def test_vague_words_wait_for_the_office_and_confirm_says_which(preview, office, district):
    held = {w.name for w in preview.wildcards if w.held}
    assert held == {"有关单位"}
    with pytest.raises(Refusal) as caught:
        _confirm(preview, office, district)
    assert caught.value.code == "wildcard_unchosen"
    assert "有关单位" in caught.value.zh and "4、5" in caught.value.zh
    assert not Plan.objects.exists()


def test_none_is_a_choice_and_the_named_units_keep_their_lines(preview, office, district):
    wildcard_choose(preview, word="有关单位", units=[])
    plan = _confirm(preview, office, district)
    assert _lines(plan, "4") == set()
    assert set(plan.tasks.get(number="4").assignments.values_list("unit__name", flat=True)) == {
        "区纪委",
        "区财政局",
    }
    assert _lines(plan, "1") == set(STREETS)


def test_a_choice_for_one_task_is_kept_at_confirm_over_the_plans(preview, office, district, district_57):
    wildcard_choose(preview, word="有关单位", units=[district_57["区审计局"]])
    task_5 = next(t for t in preview.tasks if t.number == "5")
    wildcard_choose(preview, word="有关单位", units=[district_57["区教育局"]], task=task_5)
    task_1 = next(t for t in preview.tasks if t.number == "1")
    wildcard_choose(preview, word="各街道办事处", units=[district_57["城关街道办事处"]], task=task_1)
    plan = _confirm(preview, office, district)
    assert _lines(plan, "4") == {"区审计局"}
    assert _lines(plan, "5") == {"区教育局"}
    assert _lines(plan, "1") == {"城关街道办事处"}
    assert Assignment.objects.get(task__plan=plan, task__number="5", unit__name="区教育局").from_wildcard == (
        "有关单位"
    )


def test_a_task_choice_alone_resolves_a_vague_word_only_there(preview, office, district, district_57):
    task_5 = next(t for t in preview.tasks if t.number == "5")
    wildcard_choose(preview, word="有关单位", units=[district_57["区教育局"]], task=task_5)
    with pytest.raises(Refusal) as caught:
        _confirm(preview, office, district)
    assert "任务 4）" in caught.value.zh


def test_a_chosen_unit_outside_the_region_is_refused(preview, office, district):
    elsewhere = make_unit(name="外区审计局")
    wildcard_choose(preview, word="有关单位", units=[elsewhere])
    with pytest.raises(Refusal) as caught:
        _confirm(preview, office, district)
    assert caught.value.code == "unknown_unit"
    assert not Plan.objects.exists()


def test_county_words_give_the_units_of_the_districts_below_a_city_without_courts(office):
    city = make_region(name="甲市", level=Region.Level.CITY)
    own = make_unit(region=city, name="市纪委", kind=Unit.Kind.PARTY)
    a, b = (make_region(name=n, level=Region.Level.DISTRICT, parent=city) for n in ("甲区", "乙县"))
    party_a = make_unit(region=a, name="甲区委", kind=Unit.Kind.PARTY)
    party_b = make_unit(region=b, name="乙县委", kind=Unit.Kind.PARTY)
    make_unit(region=b, name="乙县人民法院", kind=Unit.Kind.JUDICIAL)
    text = "甲市方案\n一、监督\n1.检查。\n牵头单位：市纪委\n配合单位：各县（市、区）\n"
    preview = import_preview(actor=None, file_name="c.txt", data=text.encode(), region=city)
    assert _given(preview, "各县（市、区）") == {party_a.name, party_b.name}
    assert own.name not in _given(preview, "各县（市、区）")


def test_a_kind_word_with_no_unit_of_its_kind_waits_for_a_choice(district):
    make_unit(region=district, name="区纪委", kind=Unit.Kind.PARTY)
    text = "方案\n一、监督\n1.检查。\n牵头单位：区纪委\n配合单位：各乡镇\n"
    preview = import_preview(actor=None, file_name="t.txt", data=text.encode(), region=district)
    assert [(w.name, w.held) for w in preview.wildcards] == [("各乡镇", True)]


def test_every_kind_the_word_table_names_is_a_unit_kind():
    named = {kind for _, kinds, _ in TABLE for kind in kinds}
    assert named <= set(Unit.Kind.values)
