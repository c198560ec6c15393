"""The plan ledger reads its lines as value rows (``displayed_rows``: no model instance, the latest period
sent read in the lines' own query). Each line's light, latest report badges and unit must be those
``displayed`` gives from model instances, on the boundary days of ``test_attach_sent``'s quarterly plan."""

import pytest
from django.db import transaction

from taizhang.ledger.selectors import ledger_tasks, ledger_units, plan_ledger_lines
from taizhang.ledger.views.common import displayed, displayed_rows
from tests.ledger.test_attach_sent import DAYS, _build

pytestmark = pytest.mark.django_db


def _shown(lines):
    return [
        (
            line.pk,
            line.unit.name,
            line.get_role_display(),
            line.light,
            line.latest_report and (line.latest_report.pk, line.latest_report.status_label),
        )
        for line in lines
    ]


@pytest.fixture(scope="module")
def compared(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        plan, office = _build()
        found = {}
        for day in DAYS:
            lines = plan_ledger_lines(user=office, plan=plan, today=day)
            tasks = ledger_tasks(lines).in_bulk()
            units = {unit.pk: unit for unit in ledger_units(user=office, plan=plan)}
            found[day] = (
                _shown(displayed(lines, today=day, tasks=tasks, units=units, badges_only=True)),
                _shown(displayed_rows(lines, today=day, plan=plan, tasks=tasks, units=units)),
            )
        transaction.set_rollback(True)
    return found


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_rows_show_what_model_instances_show(compared, day):
    models, rows = compared[day]
    assert len(rows) == 6
    assert rows == models
    assert {light.color for _, _, _, light, _ in rows} != {"green"}  # the days give lights other than green
