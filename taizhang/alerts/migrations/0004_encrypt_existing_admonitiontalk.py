"""Encrypt what is stored (谈话对象和谈话记录 / whom a talk was with and its notes) under the keyring's current key; the reverse
decrypts it back to text. Raw SQL past the fields' descriptors, so it works on SQLite and PostgreSQL alike."""

from django.db import migrations

FIELDS = ("talked_with", "notes")


def encrypt(apps, schema_editor):
    from taizhang.lib.fields import encrypt_existing

    encrypt_existing(schema_editor.connection, apps.get_model("alerts", "AdmonitionTalk"), FIELDS)


def decrypt(apps, schema_editor):
    from taizhang.lib.fields import decrypt_existing

    decrypt_existing(schema_editor.connection, apps.get_model("alerts", "AdmonitionTalk"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("alerts", "0003_admonitiontalk_encrypted_fields")]
    operations = [migrations.RunPython(encrypt, decrypt)]
