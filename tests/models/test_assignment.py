import pytest
from django.db import IntegrityError, transaction

from taizhang.ledger.models import Assignment
from tests.factories import make_assignment

pytestmark = pytest.mark.django_db


def test_a_unit_has_one_line_per_task():
    line = make_assignment()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(task=line.task, unit=line.unit, role=Assignment.Role.COOPERATING)


def test_another_unit_may_share_the_task():
    line = make_assignment()
    other = make_assignment(task=line.task, role=Assignment.Role.COOPERATING)
    assert line.task.assignments.count() == 2 and other.unit != line.unit
