"""A ``row_key`` for every AccountabilityCase: the row's part of the encrypted fields' associated data
(``lib.fields``). Added empty and filled one row at a time, so each row has its own."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from taizhang.lib.fields import fill_row_keys

    fill_row_keys(apps.get_model("accountability", "AccountabilityCase"))


class Migration(migrations.Migration):
    dependencies = [("accountability", "0003_seal_existing_decisions")]
    operations = [
        migrations.AddField(
            model_name="accountabilitycase",
            name="row_key",
            field=models.UUIDField(editable=False, null=True, verbose_name="行密钥标识"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
