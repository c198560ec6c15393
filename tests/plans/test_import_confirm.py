import math
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.audit.models import AuditEvent
from taizhang.docparse import parse
from taizhang.docparse.units import is_wildcard
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal
from taizhang.plans.importing import NEW, ImportPreview, import_confirm, import_preview
from taizhang.plans.models import Plan, Section, Task, TaskRegulation
from taizhang.units.models import Unit, UnitAlias
from tests.factories import make_region, make_unit
from tests.plans.conftest import (
    PLAN_FIELDS,
    SEED_004_LONG,
    SMALL_PLAN,
    no_units_for_vague_wildcards,
    seed_004_mapping,
)

pytestmark = pytest.mark.django_db

BULK_INSERTS = tuple(
    f'INSERT INTO "{model._meta.db_table}"' for model in (Section, Task, TaskRegulation, Assignment)
)


def _import(region, data, *, actor=None, mapping=None, preview=None, name="plan.txt", **fields):
    preview = preview or no_units_for_vague_wildcards(
        import_preview(actor=actor, file_name=name, data=data, region=region)
    )
    values = {**PLAN_FIELDS, "level": region.level, **fields}
    return import_confirm(
        actor=actor,
        preview=preview,
        unit_mapping=mapping or {},
        region=region,
        data=data,
        file_name=name,
        **values,
    )


def _rows():
    return (Plan.objects.count(), Unit.objects.count(), UnitAlias.objects.count(), AuditEvent.objects.count())


def test_seed_004_becomes_134_tasks_in_their_sections(district, register, office, seed_004):
    plan = _import(district, seed_004, actor=office, mapping=seed_004_mapping(register))
    assert (plan.status, plan.level, plan.region, plan.period_start, plan.period_end) == (
        "draft",
        "district",
        district,
        2020,
        2024,
    )
    assert plan.tasks.count() == 134
    assert plan.sections.count() == 29
    assert plan.sections.filter(parent=None).count() == 4  # 二 … 五; 一、总体要求 holds no task
    first = plan.tasks.get(order=plan.tasks.order_by("order").first().order)
    assert (first.key, first.number, first.section.number, first.section.parent.number) == (
        "二/一/1",
        "1",
        "一",
        "二",
    )
    assert len(set(plan.tasks.values_list("key", flat=True))) == 134
    orders = [*plan.tasks.values_list("order", flat=True), *plan.sections.values_list("order", flat=True)]
    assert sorted(orders) == list(range(1, 134 + 29 + 1))


def test_seed_004_gives_every_unit_a_line_where_the_plan_says_every_unit(
    district, register, office, seed_004
):
    plan = _import(district, seed_004, actor=office, mapping=seed_004_mapping(register))
    lines = Assignment.objects.filter(task__plan=plan)
    task_1 = plan.tasks.get(key="二/一/1")  # 牵头单位：区委组织部  配合单位：各单位
    assert task_1.assignments.count() == len(register)
    assert task_1.assignments.get(unit=register["区委组织部"]).role == Assignment.Role.LEAD
    assert task_1.assignments.get(unit=register["区委组织部"]).from_wildcard == ""
    assert set(
        task_1.assignments.exclude(unit=register["区委组织部"]).values_list("role", "from_wildcard")
    ) == {("cooperating", "各单位")}
    wildcard_tasks = plan.tasks.filter(assignments__from_wildcard__gt="").distinct().count()
    assert wildcard_tasks == 29  # 各单位 in 29 tasks; 有关单位 (in 4) was given no units by the office
    assert lines.count() == _expected_lines(register, seed_004) == 1892


def _expected_lines(register, data):
    """Per task: the units it names (区检察院 and 区人民检察院 are one unit), or every unit when it names
    各单位."""
    by_name = {**{name: unit.pk for name, unit in register.items()}, **seed_004_mapping(register)}
    total = 0
    for task in parse(data, filename="004.txt").tasks:
        if "各单位" in task.units:
            total += len(register)
        else:
            total += len({by_name[name] for name in task.units if not is_wildcard(name)})
    return total


def test_a_unit_named_explicitly_keeps_its_role_over_the_wildcard(district, register, office, seed_004):
    plan = _import(district, seed_004, actor=office, mapping=seed_004_mapping(register))
    task_5 = plan.tasks.get(key="二/一/5")  # 牵头单位：区纪委  配合单位：各单位
    line = task_5.assignments.get(unit=register["区纪委"])
    assert (line.role, line.from_wildcard) == ("lead", "")


def test_the_source_file_is_stored_under_its_digest(district, register, office, seed_004):
    plan = _import(district, seed_004, actor=office, mapping=seed_004_mapping(register), name="责任分解.txt")
    assert plan.source_name == "责任分解.txt"
    assert plan.source_file.name == f"plans/{plan.source_sha256[:2]}/{plan.source_sha256}"
    with default_storage.open(plan.source_file.name, "rb") as stored:
        assert stored.read() == seed_004


def test_regulations_keep_the_action_the_task_takes(district, register, office, seed_004):
    plan = _import(district, seed_004, actor=office, mapping=seed_004_mapping(register))
    rows = TaskRegulation.objects.filter(task__plan=plan)
    assert rows.get(task__number="59").action == TaskRegulation.Action.CREATE
    assert rows.get(task__number="82").action == TaskRegulation.Action.IMPROVE
    assert set(rows.filter(task__number="69").values_list("action", flat=True)) == {"implement"}


def test_confirmed_matches_are_remembered_as_aliases(district, register, office, seed_004):
    _import(district, seed_004, actor=office, mapping=seed_004_mapping(register))
    alias = UnitAlias.objects.get(alias="区发改委")
    assert (alias.unit, alias.region, alias.source, alias.confirmed_by) == (
        register["区发展改革委"],
        district,
        "import",
        office,
    )
    again = import_preview(actor=office, file_name="004.txt", data=seed_004, region=district)
    assert again.unmatched == []


def test_new_units_are_created_in_the_region(district, office):
    plan = _import(
        district,
        SMALL_PLAN.encode(),
        actor=office,
        mapping=dict.fromkeys(["区纪委", "区财政局", "区审计局"], NEW),
    )
    created = Unit.objects.filter(region=district)
    assert set(created.values_list("name", flat=True)) == {"区纪委", "区财政局", "区审计局"}
    # 各单位 includes the units the import created
    task_1 = plan.tasks.get(number="1")
    assert set(task_1.assignments.values_list("unit__name", "role")) == {
        ("区纪委", "lead"),
        ("区财政局", "cooperating"),
        ("区审计局", "cooperating"),
    }
    assert task_1.assignments.get(unit__name="区审计局").from_wildcard == "各单位"


def test_a_name_without_mapping_or_match_is_refused_and_nothing_is_written(
    district, register, office, seed_004
):
    before = _rows()
    with pytest.raises(Refusal) as caught:
        _import(district, seed_004, actor=office, mapping={"区发改委": register["区发展改革委"].pk})
    assert caught.value.code == "unmatched_units"
    assert sorted(caught.value.names) == ["区检察院", "区法院"]
    assert "区法院" in caught.value.zh and "区法院" in caught.value.en
    assert _rows() == before


def test_a_mapping_to_a_unit_of_another_region_is_refused(district, register, office, seed_004):
    elsewhere = make_unit(region=make_region())
    mapping = {**seed_004_mapping(register), "区法院": elsewhere.pk}
    with pytest.raises(Refusal) as caught:
        _import(district, seed_004, actor=office, mapping=mapping)
    assert (caught.value.code, caught.value.names) == ("unknown_unit", ["区法院"])


def test_a_failure_midway_leaves_no_plan_units_or_aliases(district, register, office, seed_004, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("taizhang.plans.importing.confirm.ledger_lines", broken)
    before = _rows()
    mapping = {**seed_004_mapping(register), "区法院": NEW}
    with pytest.raises(RuntimeError):
        _import(district, seed_004, actor=office, mapping=mapping)
    assert _rows() == before
    assert not Task.objects.exists() and not Section.objects.exists()


def test_the_same_file_twice_is_refused_unless_the_office_insists(district, register, office, seed_004):
    mapping = seed_004_mapping(register)
    first = _import(district, seed_004, actor=office, mapping=mapping)
    with pytest.raises(Refusal) as caught:
        _import(district, seed_004, actor=office, mapping=mapping, name="copy.txt")
    assert caught.value.code == "duplicate_file"
    assert str(first.pk) in caught.value.zh
    second = _import(district, seed_004, actor=office, mapping=mapping, allow_duplicate=True)
    assert second.pk != first.pk and second.source_sha256 == first.source_sha256


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"period_start": 2024, "period_end": 2020}, "period_order"),
        ({"level": "city"}, "bad_level"),
        ({"title": "  "}, "bad_title"),
        ({"report_cadence": "weekly"}, "bad_cadence"),
    ],
)
def test_bad_plan_fields_are_refused_before_anything_is_written(district, office, fields, code):
    before = _rows()
    with pytest.raises(Refusal) as caught:
        _import(
            district,
            SMALL_PLAN.encode(),
            actor=office,
            mapping=dict.fromkeys(["区纪委", "区财政局", "区审计局"], NEW),
            **fields,
        )
    assert caught.value.code == code
    assert _rows() == before


def test_a_file_other_than_the_previewed_one_is_refused(district, register, office, seed_004):
    preview = import_preview(actor=office, file_name="004.txt", data=seed_004, region=district)
    with pytest.raises(Refusal) as caught:
        _import(district, seed_004 + b"\n", actor=office, preview=preview, mapping=seed_004_mapping(register))
    assert caught.value.code == "file_changed"


def test_the_offices_corrections_in_the_preview_are_imported(district, register, office, seed_004):
    preview = import_preview(actor=office, file_name="004.txt", data=seed_004, region=district).to_dict()
    first = preview["tasks"][0]
    first.update(
        text="改写后的任务内容。", number="1A", lead=["区纪委"], cooperating=["区审计局", "区新设中心"]
    )
    del preview["tasks"][1]  # 任务 2 removed
    mapping = {**seed_004_mapping(register), "区新设中心": NEW}
    plan = _import(
        district,
        seed_004,
        actor=office,
        preview=no_units_for_vague_wildcards(ImportPreview.from_dict(preview)),
        mapping=mapping,
    )
    assert plan.tasks.count() == 133
    task = plan.tasks.get(key="二/一/1A")
    assert task.text == "改写后的任务内容。"
    assert set(task.assignments.values_list("unit__name", "role")) == {
        ("区纪委", "lead"),
        ("区审计局", "cooperating"),
        ("区新设中心", "cooperating"),
    }
    assert not plan.tasks.filter(key="二/一/2").exists()


def test_one_audit_event_records_the_import_with_its_counts(district, register, office, seed_004):
    plan = _import(district, seed_004, actor=office, mapping=seed_004_mapping(register))
    event = AuditEvent.objects.get(action="plan.import")
    assert (event.actor, event.object_id) == (office, str(plan.pk))
    assert (
        event.after["tasks"] == 134 and event.after["sections"] == 29 and event.after["assignments"] == 1892
    )
    assert sorted(event.after["aliases_added"]) == ["区发改委", "区检察院", "区法院"]
    actions = AuditEvent.objects.exclude(action__in=["user.create", "role.grant", "unit.create"])
    assert Counter(actions.values_list("action", flat=True)) == {
        "plan.import": 1,
        "unit_alias.add": 3,
    }


def test_a_printed_deadline_with_one_date_is_read_as_a_date(district, office):
    text = (
        "方案\n一、监督\n1.开展检查。\n牵头单位：区纪委\n完成时限：2021年6月底前\n"
        "2.长期工作。\n牵头单位：区纪委\n完成时限：长期坚持\n"
    )
    plan = _import(district, text.encode(), actor=office, mapping={"区纪委": NEW})
    rows = dict(plan.tasks.values_list("number", "deadline_date"))
    assert str(rows["1"]) == "2021-06-30" and rows["2"] is None
    assert plan.tasks.get(number="2").deadline_text == "长期坚持"


def test_import_queries_do_not_grow_with_the_number_of_tasks(district, register, office, seed_004):
    """Apart from the batches SQLite splits a bulk insert into (999 parameters each), a 134-task plan costs
    the same queries as a 2-task one."""
    for printed, registered in SEED_004_LONG.items():
        UnitAlias.objects.create(
            region=district, alias=printed, unit=register[registered], source="seed", confirmed_by=office
        )
    # Each import by the user as a request reads it (fresh: nothing about them cached from the other run).
    _, small = _captured(district, type(office).objects.get(pk=office.pk), SMALL_PLAN.encode())
    plan, big = _captured(district, type(office).objects.get(pk=office.pk), seed_004)
    other = [[sql for sql in run if not sql.startswith(BULK_INSERTS)] for run in (small, big)]
    assert len(other[0]) == len(other[1]) <= 30
    rows = {
        Section: plan.sections.count(),
        Task: plan.tasks.count(),
        TaskRegulation: TaskRegulation.objects.filter(task__plan=plan).count(),
        Assignment: Assignment.objects.filter(task__plan=plan).count(),
    }
    batches = sum(math.ceil(n / (999 // len(model._meta.concrete_fields))) for model, n in rows.items())
    assert len(big) - len(other[1]) <= batches + 3  # sections: one insert per depth


def _captured(region, actor, data):
    preview = no_units_for_vague_wildcards(
        import_preview(actor=actor, file_name="plan.txt", data=data, region=region)
    )
    with CaptureQueriesContext(connection) as ctx:
        plan = _import(region, data, actor=actor, preview=preview)
    return plan, [q["sql"] for q in ctx.captured_queries]


def test_only_the_regions_office_may_import(district, register, seed_004):
    from taizhang.accounts.models import Role
    from tests.factories import make_user

    liaison = make_user(unit=register["区纪委"], role=Role.LIAISON)
    preview = import_preview(actor=None, file_name="004.txt", data=seed_004, region=district)
    with pytest.raises(PermissionDenied):
        import_preview(actor=liaison, file_name="004.txt", data=seed_004, region=district)
    with pytest.raises(PermissionDenied):
        _import(district, seed_004, actor=liaison, preview=preview, mapping=seed_004_mapping(register))
    assert not Plan.objects.exists()


def test_a_new_unit_the_region_already_has_is_refused(district, register, office, seed_004):
    mapping = {**seed_004_mapping(register), "区纪委": NEW}
    with pytest.raises(Refusal) as caught:
        _import(district, seed_004, actor=office, mapping=mapping)
    assert (caught.value.code, caught.value.names) == ("unit_exists", ["区纪委"])
