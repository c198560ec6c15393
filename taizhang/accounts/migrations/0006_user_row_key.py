"""A ``row_key`` for every User: the row's part of the encrypted fields' associated data
(``lib.fields``). Added empty and filled one row at a time, so each row has its own."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from taizhang.lib.fields import fill_row_keys

    fill_row_keys(apps.get_model("accounts", "User"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_signin_guard_password_history")]
    operations = [
        migrations.AddField(
            model_name="user",
            name="row_key",
            field=models.UUIDField(editable=False, null=True, verbose_name="行密钥标识"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
