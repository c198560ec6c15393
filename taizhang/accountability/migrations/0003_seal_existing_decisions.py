"""Seal the decisions taken before the seals (trusted as they are at the upgrade)."""

from django.db import migrations


def seal(apps, schema_editor):
    from taizhang.accountability.seal import decision_seal

    Case = apps.get_model("accountability", "AccountabilityCase")
    for case in Case.objects.exclude(measure="").filter(decision_seal=""):
        case.decision_seal = decision_seal(case)
        case.save(update_fields=["decision_seal"])


class Migration(migrations.Migration):
    dependencies = [("accountability", "0002_accountabilitycase_decision_seal")]
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
