"""Fields and tasks that name no one share one empty list (``families.NO_NAMES``, a big plan's memory): names
given to one field never show up in another, and parsing leaves the shared list empty."""

import pytest

from taizhang.docparse import parse_text
from taizhang.docparse.families import NO_NAMES, Fields

PLAN = """XX区2024年党风廉政建设任务分工
一、强化监督
1.开展政治监督。（区纪委牵头，区委组织部配合）
2.规范公务接待。
责任领导：张三
责任单位：区委办公室、区财政局
3.整治形式主义。（牵头单位：区委办公室；配合单位：区财政局）
"""


def test_names_added_to_one_fields_reach_no_other_empty_field():
    first, second = Fields(), Fields()
    first.add("lead", ["区纪委"])
    first.put("leaders", ["张三"])
    first.put("cooperating", ("区财政局", "区审计局"))
    assert (second.lead, second.leaders, second.cooperating) == ([], [], [])
    assert NO_NAMES == []


def test_a_parsed_plan_keeps_each_tasks_names_apart_and_the_shared_list_empty():
    tasks = parse_text(PLAN).tasks
    assert [(t.lead, t.cooperating, t.responsible, t.leaders) for t in tasks] == [
        (["区纪委"], ["区委组织部"], [], []),
        ([], [], ["区委办公室", "区财政局"], ["张三"]),
        (["区委办公室"], ["区财政局"], [], []),
    ]
    assert NO_NAMES == []


def test_a_task_naming_no_one_refuses_a_change_to_its_shared_list():
    task = parse_text(PLAN).tasks[0]
    with pytest.raises(TypeError, match="copy"):
        task.leaders.append("李四")
    with pytest.raises(TypeError):
        task.persons += ["李四"]
    assert [*task.leaders, "李四"] == ["李四"] and NO_NAMES == []
