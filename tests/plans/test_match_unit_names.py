import pytest

from taizhang.units.matching import match_unit_names, normalise
from taizhang.units.models import Region, UnitAlias
from taizhang.units.services import unit_alias_add
from tests.factories import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def _best(region, name):
    suggestions = match_unit_names(region=region, names=[name])[name].suggestions
    return suggestions[0] if suggestions else (None, 0)


@pytest.mark.parametrize(
    ("printed", "registered"),
    [
        ("市发改委", "市发展改革委"),
        ("市发改委", "市发展和改革委员会"),
        ("区法院", "区人民法院"),
        ("区检察院", "区人民检察院"),
        ("区人社局", "区人力资源和社会保障局"),
        ("区住建局", "区住房和城乡建设局"),
        ("区卫健委", "区卫生健康委员会"),
        ("区委办", "区委办公室"),
        ("区政府办", "区政府办公室"),
        ("区纪委", "区纪委监委"),
    ],
)
def test_abbreviation_is_the_top_suggestion_with_full_score(printed, registered):
    region = make_region()
    unit = make_unit(region=region, name=registered)
    make_unit(region=region, name="区财政局")
    match = match_unit_names(region=region, names=[printed])[printed]
    assert match.exact is None
    assert match.suggestions[0] == (unit, 100.0)


def test_full_name_short_name_and_confirmed_alias_are_exact_matches():
    region = make_region()
    unit = make_unit(region=region, name="咸宁市发展和改革委员会", short_name="市发改委")
    unit_alias_add(unit=unit, alias="市发展改革委", source=UnitAlias.Source.MANUAL, actor=make_user())
    matches = match_unit_names(region=region, names=["咸宁市发展和改革委员会", "市发改委", "市发展改革委"])
    assert {name: m.exact for name, m in matches.items()} == {
        "咸宁市发展和改革委员会": unit,
        "市发改委": unit,
        "市发展改革委": unit,
    }


def test_alias_remembered_from_an_import_matches_exactly_next_time():
    region = make_region()
    unit = make_unit(region=region, name="区人民法院")
    assert match_unit_names(region=region, names=["区法院"])["区法院"].exact is None
    unit_alias_add(unit=unit, alias="区法院", source=UnitAlias.Source.IMPORT, actor=make_user())
    assert match_unit_names(region=region, names=["区法院"])["区法院"].exact == unit


def test_an_unconfirmed_alias_is_only_a_suggestion():
    region = make_region()
    unit = make_unit(region=region, name="区人民法院")
    unit_alias_add(unit=unit, alias="法院", source=UnitAlias.Source.IMPORT, actor=None, confirmed=False)
    match = match_unit_names(region=region, names=["法院"])["法院"]
    assert match.exact is None
    assert match.suggestions[0] == (unit, 100.0)


def test_units_of_regions_above_match_but_not_of_a_sibling_region():
    province = make_region(level=Region.Level.PROVINCE)
    city = make_region(level=Region.Level.CITY, parent=province)
    district = make_region(level=Region.Level.DISTRICT, parent=city)
    sibling = make_region(level=Region.Level.DISTRICT, parent=city)
    above = make_unit(region=city, name="市税务局")
    top = make_unit(region=province, name="省纪委监委")
    make_unit(region=sibling, name="区教育局")
    matches = match_unit_names(region=district, names=["市税务局", "省纪委监委", "区教育局"])
    assert matches["市税务局"].exact == above
    assert matches["省纪委监委"].exact == top
    assert matches["区教育局"].exact is None
    assert matches["区教育局"].suggestions == []


def test_the_nearest_region_wins_when_both_have_the_name():
    city = make_region(level=Region.Level.CITY)
    district = make_region(level=Region.Level.DISTRICT, parent=city)
    make_unit(region=city, name="公安局")
    own = make_unit(region=district, name="公安局")
    assert match_unit_names(region=district, names=["公安局"])["公安局"].exact == own


def test_inactive_units_do_not_match():
    region = make_region()
    unit = make_unit(region=region, name="区卫生局")
    unit.active = False
    unit.save()
    match = match_unit_names(region=region, names=["区卫生局"])["区卫生局"]
    assert match.exact is None
    assert match.suggestions == []


def test_a_short_name_two_units_share_is_no_exact_match():
    region = make_region()
    first = make_unit(region=region, name="区工商局", short_name="工商")
    second = make_unit(region=region, name="区工商联", short_name="工商")
    match = match_unit_names(region=region, names=["工商"])["工商"]
    assert match.exact is None
    assert {unit for unit, _ in match.suggestions} == {first, second}


def test_suggestions_are_ranked_by_similarity_at_most_three():
    region = make_region()
    social = make_unit(region=region, name="区人力资源和社会保障局")
    make_unit(region=region, name="区民政局")
    make_unit(region=region, name="区财政局")
    make_unit(region=region, name="区审计局")
    make_unit(region=region, name="区统计局")
    suggestions = match_unit_names(region=region, names=["区人力社保局"])["区人力社保局"].suggestions
    assert suggestions[0][0] == social
    assert len(suggestions) <= 3
    assert [score for _, score in suggestions] == sorted((score for _, score in suggestions), reverse=True)


def test_region_name_in_a_printed_name_counts_as_its_level():
    region = make_region(name="咸安区", level=Region.Level.DISTRICT)
    unit = make_unit(region=region, name="区审计局")
    assert _best(region, "咸安区审计局") == (unit, 100.0)
    assert normalise("中共咸安区委办公室", ("咸安区",)) == "区委办"


def test_wildcards_are_not_matched():
    region = make_region()
    make_unit(region=region, name="区直各单位")
    matches = match_unit_names(region=region, names=["各单位", "有关单位", "区财政局"])
    assert set(matches) == {"区财政局"}


def test_one_query_whatever_the_number_of_names(django_assert_num_queries):
    region = make_region(level=Region.Level.DISTRICT, parent=make_region())
    for i in range(20):
        unit = make_unit(region=region, name=f"区第{i}局")
        UnitAlias.objects.create(region=region, alias=f"第{i}局", unit=unit, source=UnitAlias.Source.SEED)
    with django_assert_num_queries(1):
        matches = match_unit_names(region=region, names=[f"第{i}局" for i in range(20)] + ["区新局"])
    assert len(matches) == 21
