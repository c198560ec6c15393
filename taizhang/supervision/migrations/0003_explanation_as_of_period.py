"""An explanation explains a reporting period (issue 13): ``as_of`` becomes the start of the plan's period
the day it was given in (month, quarter or year), so the 问原因 list and a warning read the same one."""

from datetime import date

from django.db import migrations


def _period_start(day: date, cadence: str) -> date:
    if cadence == "month":
        return date(day.year, day.month, 1)
    if cadence == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def to_period(apps, schema_editor):
    AssignmentExplanation = apps.get_model("supervision", "AssignmentExplanation")
    rows = AssignmentExplanation.objects.values_list("pk", "as_of", "assignment__task__plan__report_cadence")
    for pk, as_of, cadence in rows.iterator():
        start = _period_start(as_of, cadence)
        if start != as_of:
            AssignmentExplanation.objects.filter(pk=pk).update(as_of=start)


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_explanation_period")]
    operations = [migrations.RunPython(to_period, migrations.RunPython.noop)]
