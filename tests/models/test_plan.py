import pytest
from django.db import IntegrityError, transaction

from taizhang.plans.models import Plan, Task
from tests.factories import make_plan, make_region

pytestmark = pytest.mark.django_db


def _plan(**fields):
    values = {"title": "实施办法", "level": Plan.Level.CITY, "period_start": 2021, "period_end": 2025}
    values.setdefault("region", None if fields.get("level") == Plan.Level.NATIONAL else make_region())
    return Plan.objects.create(**{**values, **fields})


def test_plan_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(period_start=2025, period_end=2021)


def test_a_published_plan_has_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(status=Plan.Status.PUBLISHED)


def test_only_a_national_plan_has_no_region():
    assert _plan(level=Plan.Level.NATIONAL).region is None
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(level=Plan.Level.CITY, region=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(level=Plan.Level.NATIONAL, region=make_region())


def test_a_document_number_names_one_plan():
    _plan(doc_number="咸惩防办文〔2013〕3号")
    _plan(doc_number="")
    _plan(doc_number="")  # many plans have no number
    with pytest.raises(IntegrityError), transaction.atomic():
        _plan(doc_number="咸惩防办文〔2013〕3号")


def test_task_key_is_unique_within_a_plan_not_across_plans():
    plan, other = make_plan(), make_plan()
    task = plan.tasks.first()
    assert other.tasks.filter(key=task.key).exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(plan=plan, number=task.number, order=99, key=task.key, text="重复任务")


def test_a_plan_tree_reads_back_in_document_order():
    plan = make_plan(sections=2, tasks_per_section=2)
    assert [t.key for t in plan.tasks.all()] == ["一/1", "一/2", "二/1", "二/2"]
    assert [s.number for s in plan.sections.all()] == ["一", "二"]
