"""``row_key`` required and unique; talked_with, notes become encrypted fields (text columns:
the ciphertext is longer than the text). Schema only: the values are encrypted by the next migration."""

import uuid

from django.db import migrations, models

import taizhang.lib.fields


class Migration(migrations.Migration):
    dependencies = [("alerts", "0002_admonitiontalk_row_key")]
    operations = [
        migrations.AlterField(
            model_name="admonitiontalk",
            name="row_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="行密钥标识"),
        ),
        migrations.AlterField(
            model_name="admonitiontalk",
            name="talked_with",
            field=taizhang.lib.fields.EncryptedCharField(help_text="姓名及职务", max_length=100, verbose_name="谈话对象"),
        ),
        migrations.AlterField(
            model_name="admonitiontalk",
            name="notes",
            field=taizhang.lib.fields.EncryptedTextField(verbose_name="谈话记录"),
        ),
    ]
