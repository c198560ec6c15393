"""Suggesting task links (上下贯通) by character bigrams: a task's own text comes first, unrelated texts stay
below the threshold, the level words and unit names do not count, and the answer never varies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.docparse import parse
from taizhang.plans.cascade.similarity import LIMIT, THRESHOLD, bigrams, score, suggest
from tests.plans.cascade_world import CITY_FILE
from tests.plans.conftest import SEED_004

SEED_TASKS = parse(SEED_004).tasks
CITY_TASKS = parse(CITY_FILE).tasks
SEED_SETS = [bigrams(t.text, names=t.units) for t in SEED_TASKS]
CITY_SETS = [bigrams(t.text, names=t.units) for t in CITY_TASKS]


def test_every_task_of_seed_004_suggests_itself_first_among_all_134():
    found = suggest(SEED_SETS, SEED_SETS)
    assert [row[0] for row in found] == [(i, 1.0) for i in range(len(SEED_SETS))]
    assert all(len(row) <= LIMIT for row in found)


@settings(max_examples=50, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(range(len(SEED_TASKS))), min_size=1, max_size=20, unique=True))
def test_any_subset_of_upper_tasks_ranks_each_tasks_own_text_first(picked):
    upper = [SEED_SETS[i] for i in picked]
    found = suggest(upper, upper)
    assert [row[0][0] for row in found] == list(range(len(picked)))


def test_unrelated_texts_are_below_the_threshold():
    unrelated = [
        "推进东区智慧社区建设，完善社区服务中心功能。",
        "做好防汛抗旱和森林防火工作，确保安全度汛。",
        "组织全民健身运动会，建设城市绿道和体育公园。",
    ]
    assert suggest([bigrams(t) for t in unrelated], CITY_SETS) == [[], [], []]
    assert all(score(bigrams(t), c) < THRESHOLD for t in unrelated for c in CITY_SETS)


def test_level_words_and_unit_names_do_not_count():
    city = bigrams("全市各级党组织要严格执行党的政治纪律。", names=["市委组织部"])
    district = bigrams("全区各级党组织要严格执行党的政治纪律。区委组织部牵头。", names=["区委组织部"])
    assert score(city, district) == 1.0


def test_the_district_plan_finds_most_city_tasks_and_leaves_the_city_only_ones():
    found = suggest(SEED_SETS, CITY_SETS)
    covered = {CITY_TASKS[row[0][0]].number for row in found if row}
    # the city's own tasks (乡镇纪检规范化, 异地审查, 廉政教育基地, 市级巡察) have no district counterpart
    assert {"9", "16", "19", "26"}.isdisjoint(covered)
    assert len(covered) >= 20
    by_number = {t.number: i for i, t in enumerate(SEED_TASKS)}
    assert CITY_TASKS[found[by_number["62"]][0][0]].number == "20"  # 三公经费 → 三公经费


def test_ties_go_to_the_earlier_upper_task():
    same = bigrams("建立完善“三公经费”管理长效机制。")
    assert suggest([same], [same, same, same, same]) == [[(0, 1.0), (1, 1.0), (2, 1.0)]]


def test_the_preamble_names_the_upper_documents_without_their_short_names():
    assert parse(SEED_004).upper_documents == [
        "建立健全惩治和预防腐败体系2020—2024年工作规划",
        "省建立健全惩治和预防腐败体系2020—2024年实施办法",
        "市建立健全惩治和预防腐败体系2020—2024年责任分解意见",
    ]
