"""The diff of a revised plan against the live one, on hand-made versions (no database)."""

from taizhang.plans.revisions.diff import TaskSide, diff_tasks, summary


def side(key, text, units=None, deadline=""):
    units = units or {1: "lead"}
    return TaskSide(
        key=key,
        number=key.rsplit("/", 1)[-1],
        text=text,
        deadline=deadline,
        units=units,
        names={u: f"单位{u}" for u in units},
    )


OLD = [
    side("一/1", "开展廉政风险排查，建立风险台账。"),
    side("一/2", "完善《财务管理办法》，规范公务接待。"),
    side("一/3", "落实领导干部个人有关事项报告制度。"),
    side("二/1", "加强对重点领域的监督检查，每年开展一次专项检查。", deadline="2021年6月底前"),
    side("二/2", "建立健全信访举报工作机制。"),
]


def test_each_kind_of_change_is_told_apart():
    new = [
        side("一/1", "开展廉政风险排查，建立风险台账。"),  # unchanged
        side("一/2", "落实领导干部个人有关事项报告制度。"),  # renumbered (was 一/3)
        side("一/3", "完善《财务管理办法》和《公务接待办法》，规范公务接待。"),  # reworded and renumbered
        side("二/1", "加强对重点领域的监督检查，每年开展一次专项检查。", units={1: "lead", 2: "cooperating"}),
        side("二/2", "推进以案促改，开展警示教育。"),  # added; 建立健全信访举报 removed
    ]
    changes = diff_tasks(OLD, new)
    got = [(c.kind, c.old, c.new, c.flags) for c in changes]
    assert got == [
        ("unchanged", 0, 0, []),
        ("changed", 2, 1, ["renumbered"]),
        ("changed", 1, 2, ["reworded", "renumbered"]),
        ("changed", 3, 3, ["units", "deadline"]),
        ("added", None, 4, []),
        ("removed", 4, None, []),
    ]
    assert changes[3].units_added == ["单位2"] and changes[3].units_removed == []
    assert summary(changes) == {
        "added": 1,
        "removed": 1,
        "unchanged": 1,
        "reworded": 1,
        "renumbered": 2,
        "units": 1,
        "deadline": 1,
    }


def test_punctuation_and_spaces_alone_are_not_a_rewording():
    new = [side("一/1", "开展廉政风险排查 , 建立风险台账"), *OLD[1:]]
    assert [c.kind for c in diff_tasks(OLD, new)] == ["unchanged"] * 5


def test_a_role_change_is_a_change_of_units():
    new = [side("一/1", OLD[0].text, units={1: "cooperating"}), *OLD[1:]]
    first = diff_tasks(OLD, new)[0]
    assert (first.flags, first.roles_changed) == (["units"], ["单位1"])


def test_a_different_task_at_the_same_number_is_removed_and_added_not_reworded():
    new = [side("一/1", "组织开展党风廉政建设宣传教育月活动。"), *OLD[1:]]
    kinds = sorted(c.kind for c in diff_tasks(OLD, new))
    assert kinds == ["added", "removed", "unchanged", "unchanged", "unchanged", "unchanged"]


def test_the_same_text_twice_pairs_each_copy_once_at_its_own_place():
    old = [side("一/1", "开展专项检查。"), side("二/1", "开展专项检查。")]
    new = [side("二/1", "开展专项检查。"), side("一/1", "开展专项检查。")]
    assert [(c.old, c.new, c.kind) for c in diff_tasks(old, new)] == [
        (1, 0, "unchanged"),
        (0, 1, "unchanged"),
    ]
