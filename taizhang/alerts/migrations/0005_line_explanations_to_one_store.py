"""One explanation per line and period (issue 13): a warning on a ledger line was answered in the warning's
own fields while the 问原因 list kept ``supervision.AssignmentExplanation``. Each such answer is copied
into ``AssignmentExplanation`` (the period the answer was given in, by the plan's cadence) and cleared
from the warning; a warning on no line keeps its own. Reversing copies nothing back."""

from datetime import date

from django.db import migrations
from django.utils import timezone


def _period_start(day: date, cadence: str) -> date:
    if cadence == "month":
        return date(day.year, day.month, 1)
    if cadence == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def copy(apps, schema_editor):
    Alert = apps.get_model("alerts", "Alert")
    AssignmentExplanation = apps.get_model("supervision", "AssignmentExplanation")
    answered = Alert.objects.filter(
        assignment__isnull=False, explained_at__isnull=False, explained_by__isnull=False
    ).exclude(explanation="")
    for alert in answered.select_related("assignment__task__plan").iterator():
        cadence = alert.assignment.task.plan.report_cadence
        row = AssignmentExplanation.objects.create(
            assignment_id=alert.assignment_id,
            situation="warning",
            as_of=_period_start(timezone.localdate(alert.explained_at), cadence),
            reason=alert.explanation,
            given_by_id=alert.explained_by_id,
        )
        # given_at is auto_now_add: keep when it was said
        AssignmentExplanation.objects.filter(pk=row.pk).update(given_at=alert.explained_at)
    answered.update(explanation="", explained_at=None, explained_by=None)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0004_encrypt_existing_admonitiontalk"),
        ("supervision", "0003_explanation_as_of_period"),
    ]
    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
