"""Encrypt what is stored (用户的手机号码 / a person's mobile number) under the keyring's current key; the reverse
decrypts it back to text. Raw SQL past the fields' descriptors, so it works on SQLite and PostgreSQL alike."""

from django.db import migrations

FIELDS = ("mobile",)


def encrypt(apps, schema_editor):
    from taizhang.lib.fields import encrypt_existing

    encrypt_existing(schema_editor.connection, apps.get_model("accounts", "User"), FIELDS)


def decrypt(apps, schema_editor):
    from taizhang.lib.fields import decrypt_existing

    decrypt_existing(schema_editor.connection, apps.get_model("accounts", "User"), FIELDS)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0007_user_encrypted_fields")]
    operations = [migrations.RunPython(encrypt, decrypt)]
