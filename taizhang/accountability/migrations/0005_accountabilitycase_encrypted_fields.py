"""``row_key`` required and unique; complaints, surveys, measure_detail become encrypted fields (text columns:
the ciphertext is longer than the text). Schema only: the values are encrypted by the next migration."""

import uuid

from django.db import migrations, models

import taizhang.lib.fields


class Migration(migrations.Migration):
    dependencies = [("accountability", "0004_accountabilitycase_row_key")]
    operations = [
        migrations.AlterField(
            model_name="accountabilitycase",
            name="row_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="行密钥标识"),
        ),
        migrations.AlterField(
            model_name="accountabilitycase",
            name="complaints",
            field=taizhang.lib.fields.EncryptedTextField(blank=True, verbose_name="投诉举报"),
        ),
        migrations.AlterField(
            model_name="accountabilitycase",
            name="surveys",
            field=taizhang.lib.fields.EncryptedTextField(blank=True, verbose_name="民意调查"),
        ),
        migrations.AlterField(
            model_name="accountabilitycase",
            name="measure_detail",
            field=taizhang.lib.fields.EncryptedTextField(blank=True, verbose_name="处理情况"),
        ),
    ]
