import pytest

from taizhang.plans.models import TaskRegulation
from taizhang.regulations.models import Regulation
from tests.factories import make_plan, make_regulation

pytestmark = pytest.mark.django_db


def test_a_task_regulation_may_link_a_registry_row_later():
    task = make_plan().tasks.first()
    link = TaskRegulation.objects.create(task=task, title="党风廉政建设责任制实施办法", action="implement")
    assert link.regulation is None
    regulation = make_regulation(title=link.title)
    link.regulation = regulation
    link.save()
    assert list(regulation.task_links.all()) == [link]


def test_deleting_a_regulation_keeps_the_printed_title():
    task = make_plan().tasks.first()
    regulation = make_regulation()
    TaskRegulation.objects.create(task=task, title=regulation.title, action="revise", regulation=regulation)
    regulation.delete()
    assert TaskRegulation.objects.get(task=task).regulation is None


def test_a_new_regulation_is_in_force():
    assert make_regulation().status == Regulation.Status.IN_FORCE
