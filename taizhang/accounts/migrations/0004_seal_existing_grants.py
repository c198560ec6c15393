"""Seal the role grants that exist at the upgrade (they are trusted as they are at this moment); without it
every grant made before the seals would be ignored by the scope reader."""

from django.db import migrations


def seal(apps, schema_editor):
    from taizhang.accounts.grants import grant_seal

    RoleGrant = apps.get_model("accounts", "RoleGrant")
    rows = list(RoleGrant.objects.filter(seal=""))
    for g in rows:
        g.seal = grant_seal(g.user_id, g.role, g.unit_id, g.region_id)
    RoleGrant.objects.bulk_update(rows, ["seal"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_rolegrant_seal")]
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
