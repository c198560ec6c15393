"""``Assignment.latest_accepted_status``: the status of the line's latest accepted report, stored on the line
(written by ``reports.latest.latest_accepted_refresh``), filled here for the reports already accepted."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def fill(apps, schema_editor):
    Assignment = apps.get_model("ledger", "Assignment")
    ProgressReport = apps.get_model("reports", "ProgressReport")
    latest = ProgressReport.objects.filter(assignment=OuterRef("pk"), review_state="accepted").order_by(
        "-period_start"
    )
    Assignment.objects.update(
        latest_accepted_status=Coalesce(Subquery(latest.values("status")[:1]), Value(""))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0001_initial"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="assignment",
            name="latest_accepted_status",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=16, verbose_name="最新通过的进展状态"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
