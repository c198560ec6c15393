"""``row_key`` required and unique; mobile become encrypted fields (text columns:
the ciphertext is longer than the text). Schema only: the values are encrypted by the next migration."""

import uuid

from django.db import migrations, models

import taizhang.lib.fields


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_user_row_key")]
    operations = [
        migrations.AlterField(
            model_name="user",
            name="row_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="行密钥标识"),
        ),
        migrations.AlterField(
            model_name="user",
            name="mobile",
            field=taizhang.lib.fields.EncryptedCharField(blank=True, max_length=20, verbose_name="手机"),
        ),
    ]
