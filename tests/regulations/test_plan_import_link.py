"""Confirming a plan import links each 《…》 title to the register (plans.linking); plans imported
before are linked by ``taizhang link_regulations``."""

from pathlib import Path

import pytest
from django.core.management import call_command

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.plans.importing import import_confirm, import_preview
from taizhang.plans.models import TaskRegulation
from taizhang.regulations.models import Regulation
from taizhang.regulations.titles import title_key
from taizhang.rulemaking.page import regulation_page
from tests.factories import make_region, make_regulation, make_unit, make_user

SEED_004 = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "004_93fe00d8dcbc73d5.txt"

PLAN = """甲市工作方案

一、加强制度建设
1.制定《公务用车管理办法》。
牵头单位：甲市财政局
2.贯彻落实《财务 管理办法》和《廉洁从政若干准则》。
牵头单位：甲市财政局
3.修订《已废止的规定》。
牵头单位：甲市财政局
"""


@pytest.fixture
def region(db):
    region = make_region(name="甲市")
    make_unit(region=region, name="甲市财政局")
    return region


def _import(region, text, actor):
    data = text.encode()
    preview = import_preview(actor=actor, file_name="plan.txt", data=data, region=region)
    return import_confirm(
        actor=actor,
        preview=preview,
        unit_mapping={},
        title="甲市工作方案",
        level=region.level,
        region=region,
        period_start=2021,
        period_end=2025,
        data=data,
        file_name="plan.txt",
    )


def test_titles_link_to_the_region_s_or_a_central_regulation_or_are_added(region):
    office = make_user(role=Role.OFFICE_ADMIN, region=region)
    own = make_regulation(title="财务管理办法", region=region)
    central = make_regulation(title="廉洁从政若干准则", region=None)
    make_regulation(title="已废止的规定", region=region, status="abolished")
    plan = _import(region, PLAN, office)
    links = {r.title: r.regulation for r in TaskRegulation.objects.filter(task__plan=plan)}
    assert links["财务管理办法"] == own
    assert links["廉洁从政若干准则"] == central
    new = links["公务用车管理办法"]
    assert (new.region, new.status, new.issuing_unit) == (region, "drafting", None)  # 制定 → being drafted
    revised = links["已废止的规定"]
    assert (revised.region, revised.status) == (region, "in_force")  # an abolished one is not linked
    assert AuditEvent.objects.get(action="plan.import").after["regulations_added"] == [
        "公务用车管理办法",
        "已废止的规定",
    ]


def test_the_tasks_show_on_the_regulation_s_page_as_creating_or_concerning_it(region):
    office = make_user(role=Role.OFFICE_ADMIN, region=region)
    plan = _import(region, PLAN, office)
    regulation = Regulation.objects.get(title="公务用车管理办法")
    tasks = regulation_page(user=office, regulation=regulation).tasks
    assert [(t.task.plan, t.get_action_display()) for t in tasks] == [(plan, "制定")]


def test_link_regulations_links_plans_imported_before_and_is_idempotent(region):
    office = make_user(role=Role.OFFICE_ADMIN, region=region)
    plan = _import(region, PLAN, office)
    TaskRegulation.objects.update(regulation=None)
    Regulation.objects.all().delete()
    call_command("link_regulations")
    assert not TaskRegulation.objects.filter(task__plan=plan, regulation__isnull=True).exists()
    count = Regulation.objects.count()
    call_command("link_regulations", "--plan", str(plan.pk))
    assert Regulation.objects.count() == count == 4
    assert AuditEvent.objects.get(action="plan.link_regulations").after == {
        "linked": 4,
        "created": ["公务用车管理办法", "财务管理办法", "廉洁从政若干准则", "已废止的规定"],
    }


def test_seed_004_links_every_named_regulation_and_the_page_lists_its_tasks(db):
    district = make_region(name="测试区", level="district")
    office = make_user(role=Role.OFFICE_ADMIN, region=district)
    call_command(
        "import_plan",
        str(SEED_004),
        "--region",
        "测试区",
        "--period",
        "2020-2024",
        "--create-units",
        "--wildcard",
        "有关单位=none",
    )
    links = TaskRegulation.objects.filter(task__plan__region=district)
    assert links.count() > 10 and not links.filter(regulation__isnull=True).exists()
    regulation = Regulation.objects.get(title="区委常委会议事规则")
    tasks = regulation_page(user=office, regulation=regulation).tasks
    assert [t.task_id for t in tasks] == list(
        links.filter(regulation=regulation).values_list("task_id", flat=True)
    )
    assert len(tasks) >= 1


def test_titles_match_without_book_title_marks_or_spaces():
    assert title_key(" 《财务 管理\u3000办法》 ") == title_key("财务管理办法") == "财务管理办法"
