"""Seal the snapshots published before the seals (trusted as they are at the upgrade)."""

from django.db import migrations


def seal(apps, schema_editor):
    from taizhang.assessment.snapshot import snapshot_seal

    Snapshot = apps.get_model("assessment", "Snapshot")
    for snapshot in Snapshot.objects.filter(seal=""):
        snapshot.seal = snapshot_seal(snapshot.assessment_id, snapshot.data)
        snapshot.save(update_fields=["seal"])


class Migration(migrations.Migration):
    dependencies = [("assessment", "0002_snapshot_seal")]
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
