"""Encrypt what is stored (案件的投诉举报、民意调查和处理情况 / a case's complaints, surveys and decision detail) under the keyring's current key; the reverse
decrypts it back to text. Raw SQL past the fields' descriptors, so it works on SQLite and PostgreSQL alike."""

from django.db import migrations

FIELDS = ("complaints", "surveys", "measure_detail")


def encrypt(apps, schema_editor):
    from taizhang.lib.fields import encrypt_existing

    encrypt_existing(schema_editor.connection, apps.get_model("accountability", "AccountabilityCase"), FIELDS)


def decrypt(apps, schema_editor):
    from taizhang.lib.fields import decrypt_existing

    decrypt_existing(schema_editor.connection, apps.get_model("accountability", "AccountabilityCase"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("accountability", "0005_accountabilitycase_encrypted_fields")]
    operations = [migrations.RunPython(encrypt, decrypt)]
