import pytest
from django.core.management import CommandError, call_command

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.plans.models import Plan
from taizhang.units.models import Unit, UnitAlias
from tests.factories import make_region, make_user
from tests.plans.conftest import SEED_004, SMALL_PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_file(tmp_path):
    path = tmp_path / "工作方案.txt"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


NONE = ("--wildcard", "有关单位=none")  # seed 004's 有关单位: the units it names, no others


def _run(*args):
    call_command("import_plan", *map(str, args))


def test_unregistered_units_abort_with_their_names_and_nothing_is_written(district, small_file):
    units = Unit.objects.count()
    with pytest.raises(CommandError) as caught:
        _run(small_file, "--region", "测试区", "--period", "2020-2024")
    assert "区纪委、区财政局、区审计局" in str(caught.value)
    assert "--create-units" in str(caught.value)
    assert (Plan.objects.count(), Unit.objects.count()) == (0, units)


def test_create_units_imports_a_draft_with_new_units(district, small_file):
    _run(small_file, "--region", "测试区", "--period", "2020—2024", "--create-units", "--cadence", "month")
    plan = Plan.objects.get()
    assert (plan.status, plan.level, plan.region, plan.report_cadence) == (
        "draft",
        "district",
        district,
        "month",
    )
    assert (plan.title, plan.source_name, plan.tasks.count()) == ("测试区工作方案", "工作方案.txt", 2)
    assert set(Unit.objects.filter(region=district).values_list("name", flat=True)) == {
        "区纪委",
        "区财政局",
        "区审计局",
    }
    assert AuditEvent.objects.get(action="plan.import").source == "cmd:import_plan"


def test_without_accept_suggestions_abbreviated_names_become_new_units(district, register):
    _run(
        SEED_004,
        "--region",
        "测试省/测试市/测试区",
        "--period",
        "2020-2024",
        "--create-units",
        "--publish",
        *NONE,
    )
    plan = Plan.objects.get()
    assert (plan.status, plan.tasks.count()) == ("published", 134)
    # only the three names the register spells the long way were created
    assert set(
        Unit.objects.filter(region=district)
        .exclude(pk__in=[u.pk for u in register.values()])
        .values_list("name", flat=True)
    ) == {"区发改委", "区法院", "区检察院"}


def test_the_same_file_twice_is_refused(district, small_file):
    _run(small_file, "--region", "测试区", "--period", "2020-2024", "--create-units")
    with pytest.raises(CommandError, match="已导入"):
        _run(small_file, "--region", "测试区", "--period", "2020-2024", "--create-units")
    _run(small_file, "--region", "测试区", "--period", "2020-2024", "--allow-duplicate")
    assert Plan.objects.count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "无此区", "--period", "2020-2024"], "找不到区划"),
        (["--region", "测试区", "--period", "2020"], "2020-2024"),
        (["--region", "测试区", "--period", "2024-2020"], "早于"),
        (["--region", "测试区", "--period", "2020-2024", "--level", "city"], "层级"),
    ],
)
def test_bad_arguments_are_refused_in_both_languages(district, small_file, args, message):
    with pytest.raises(CommandError, match=message):
        _run(small_file, "--create-units", *args)
    assert not Plan.objects.exists()


def test_a_region_name_used_twice_needs_its_path(district, small_file):
    make_region(name="测试区", level="district", parent=make_region(name="另一市"))
    with pytest.raises(CommandError, match="区划重名"):
        _run(small_file, "--region", "测试区", "--period", "2020-2024", "--create-units")
    _run(small_file, "--region", "测试市/测试区", "--period", "2020-2024", "--create-units")
    assert Plan.objects.get().region == district


def test_an_unreadable_file_is_refused(district, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="文件是空的"):
        _run(empty, "--region", "测试区", "--period", "2020-2024")


def test_accept_suggestions_maps_names_identical_once_abbreviations_are_expanded(district, register, office):
    _run(
        SEED_004,
        "--region",
        "测试区",
        "--period",
        "2020-2024",
        "--accept-suggestions",
        "--user",
        office.username,
        *NONE,
    )
    assert Unit.objects.filter(region=district).count() == len(register)
    aliases = UnitAlias.objects.filter(region=district)
    assert set(aliases.values_list("alias", "unit__name", "confirmed_by")) == {
        ("区发改委", "区发展改革委", office.pk),
        ("区法院", "区人民法院", office.pk),
        ("区检察院", "区人民检察院", office.pk),
    }
    assert AuditEvent.objects.get(action="plan.import").actor == office


def test_a_user_who_is_not_the_regions_office_is_refused(district, small_file):
    liaison = make_user(role=Role.LIAISON)
    with pytest.raises(CommandError, match="惩防办管理员"):
        _run(
            small_file,
            "--region",
            "测试区",
            "--period",
            "2020-2024",
            "--create-units",
            "--user",
            liaison.username,
        )
    assert not Plan.objects.exists()


# ---- 泛称 on the command line ----

VAGUE_PLAN = """测试区方案
一、监督
1.开展检查。
牵头单位：区纪委
配合单位：区财政局等有关单位
2.街道自查。
牵头单位：各街道办事处
"""


@pytest.fixture
def vague_file(tmp_path, district):
    from taizhang.units.models import Unit as U
    from tests.factories import make_unit

    for name, kind in [
        ("区纪委", "party"),
        ("区财政局", "government"),
        ("区审计局", "government"),
        ("区人民法院", "judicial"),
    ]:
        make_unit(region=district, name=name, kind=kind)
    for name in ("城关街道办事处", "东城街道办事处"):
        make_unit(region=district, name=name, kind=U.Kind.STREET)
    path = tmp_path / "方案.txt"
    path.write_text(VAGUE_PLAN, encoding="utf-8")
    return path


def _lines(word):
    from taizhang.ledger.models import Assignment

    rows = Assignment.objects.filter(from_wildcard=word).values_list("unit__name", flat=True)
    return sorted(set(rows))


def test_a_vague_wildcard_without_a_choice_stops_the_command_and_writes_nothing(vague_file, capsys):
    with pytest.raises(CommandError) as caught:
        _run(vague_file, "--region", "测试区", "--period", "2020-2024")
    assert "有关单位" in str(caught.value) and "--wildcard" in str(caught.value)
    assert not Plan.objects.exists()


def test_a_vague_wildcard_takes_the_kinds_the_office_names(vague_file):
    _run(vague_file, "--region", "测试区", "--period", "2020-2024", "--wildcard", "有关单位=kind:department")
    assert _lines("有关单位") == ["区审计局"]  # 区纪委 and 区财政局 are named: their lines are not from it
    assert _lines("各街道办事处") == ["东城街道办事处", "城关街道办事处"]


def test_wildcard_all_gives_a_vague_word_every_unit_as_before(vague_file):
    _run(vague_file, "--region", "测试区", "--period", "2020-2024", "--wildcard-all")
    assert "区人民法院" in _lines("有关单位")
    assert "区人民法院" not in _lines("各街道办事处")


@pytest.mark.parametrize(
    ("choice", "message"), [("有关单位=kind:nonsense", "kind:"), ("各部门=none", "没有这个泛称")]
)
def test_a_wrong_wildcard_option_is_refused_with_its_reason(vague_file, choice, message):
    with pytest.raises(CommandError, match=message):
        _run(vague_file, "--region", "测试区", "--period", "2020-2024", "--wildcard", choice)
    assert not Plan.objects.exists()


def test_an_excel_plan_imports_from_the_chosen_sheet(district, tmp_path):
    from tests.docparse.test_xlsx_and_types import office_workbook

    path = tmp_path / "任务分工.xlsx"
    path.write_bytes(office_workbook())
    _run(path, "--region", "测试区", "--period", "2024-2024", "--create-units", "--sheet", "任务分工")
    plan = Plan.objects.get()
    assert (plan.title, plan.tasks.count()) == ("XX区2024年党风廉政建设重点任务分工表", 4)


def test_an_unknown_sheet_and_a_file_not_what_its_name_says_exit_2_and_write_nothing(district, tmp_path):
    from tests.docparse.test_xlsx_and_types import office_workbook

    book = tmp_path / "plan.xlsx"
    book.write_bytes(office_workbook())
    fake = tmp_path / "plan.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))
    for args, message in (
        ([book, "--sheet", "附表9"], "没有工作表“附表9”"),
        ([fake], "“plan.docx”不是 Word 文件"),
    ):
        with pytest.raises(CommandError) as caught:
            _run(*args, "--region", "测试区", "--period", "2020-2024", "--create-units")
        assert caught.value.returncode == 2
        assert message in str(caught.value)
    assert Plan.objects.count() == 0
