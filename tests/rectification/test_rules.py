"""逾期 is computed: deadline passed and not closed; the SQL filter agrees with the rule case by case."""

from datetime import date

import pytest
from django.utils import timezone

from taizhang.rectification.models import RectificationItem, RectState
from taizhang.rectification.rules import is_overdue, overdue_q
from tests.factories import make_rectification, make_user

pytestmark = pytest.mark.django_db

DEADLINE = date(2021, 9, 30)


@pytest.mark.parametrize(
    ("state", "today", "overdue"),
    [
        ("open", date(2021, 9, 30), False),  # due today is not overdue yet
        ("open", date(2021, 10, 1), True),
        ("in_progress", date(2021, 10, 1), True),
        ("closeout_requested", date(2021, 10, 1), True),  # not done until the office closes it
        ("closed", date(2021, 10, 1), False),
    ],
)
def test_overdue_is_deadline_passed_and_not_closed(state, today, overdue):
    closer = make_user()
    closed = {"closed_at": timezone.now(), "closed_by": closer} if state == RectState.CLOSED else {}
    item = make_rectification(deadline=DEADLINE, state=state, **closed)
    assert is_overdue(item, today=today) is overdue
    assert RectificationItem.objects.filter(overdue_q(today), pk=item.pk).exists() is overdue
