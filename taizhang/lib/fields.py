"""Encrypted columns (数据存储机密性): ``EncryptedTextField`` and ``EncryptedCharField`` keep their text in
the database as SM4-GCM ciphertext (``lib.gm``) under the keyring's current key (``lib.keys``)::

    sm4g:<key id>:<base64(nonce 12 bytes | ciphertext | tag 16 bytes)>

``sm4g`` names the format (SM4-GCM, version 1); the key id picks the key that opens it, so a half-rotated
table stays readable. The associated data binds a value to its table, column and row::

    taizhang:<db_table>.<column>:<row_key hex>

``row_key`` is a UUID field of the model (the primary key is not known before the insert), so a ciphertext
copied to another row or column fails its tag. Empty text is stored empty (no ciphertext for blanks: that a
field is blank is not hidden).

For Python code the fields are plain text: a value read from the database stays sealed (``Sealed``) until it
is first read from the instance, then is opened once; a value that fails (altered, copied, a key missing)
raises ``EncryptedValueError`` (a ``SuspiciousOperation``: a page answers 400), never garbage. ``save()``
and ``bulk_create`` encrypt; a value loaded and not read is written back as it was (never re-sealed, so a
tampered value stays detectable). What needs the row cannot go through the database alone: ``update()`` and
``bulk_update`` with text, and every lookup but ``isnull`` and ``= ""``, are refused (no search, filter or
order on these columns in SQL; the callers filter what they have decrypted). ``values()`` gives ``Sealed``.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Iterator

from django.core import validators
from django.core.exceptions import SuspiciousOperation
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from taizhang.lib.gm import DecryptError, Key, sm4_gcm_open, sm4_gcm_seal
from taizhang.lib.keys import keyring

PREFIX = "sm4g"
ROW_KEY = "row_key"
ALLOWED_LOOKUPS = ("isnull", "exact")


class EncryptedValueError(SuspiciousOperation):
    """A stored value that does not open: altered, copied from elsewhere, or sealed with a key not in the
    keyring. Says where (table, column, row) and why, never the value."""


class EncryptedFieldMisuse(TypeError):
    """Text given to an encrypted column without its row (``update()``, ``bulk_update``, a lookup)."""


class Sealed:
    """A stored value not opened yet: the text of the column as it is in the database."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    @property
    def key_id(self) -> str:
        return self.text.split(":", 2)[1] if self.text.count(":") >= 2 else ""

    def __eq__(self, other) -> bool:
        return isinstance(other, Sealed) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __str__(self) -> str:
        raise EncryptedFieldMisuse("an encrypted value read without its row (values()?): load the instance")

    def __repr__(self) -> str:
        return f"Sealed({self.key_id or '?'})"


def row_key_field() -> models.UUIDField:
    """The ``row_key`` a model with encrypted fields needs: the row's part of the associated data."""
    return models.UUIDField("行密钥标识", default=uuid.uuid4, unique=True, editable=False)


def aad(table: str, column: str, row_key) -> bytes:
    return f"taizhang:{table}.{column}:{uuid.UUID(str(row_key)).hex}".encode()


def encrypt(text: str, *, table: str, column: str, row_key, key: Key | None = None) -> str:
    """The stored form of ``text`` ("" stays "") under ``key`` (default: the current key)."""
    if text == "":
        return ""
    key = key or keyring().current
    body = sm4_gcm_seal(key, text.encode("utf-8"), aad=aad(table, column, row_key))
    return f"{PREFIX}:{key.kid}:{base64.b64encode(body).decode('ascii')}"


def decrypt(stored: str, *, table: str, column: str, row_key, pk=None) -> str:
    """The text of a stored value; ``EncryptedValueError`` naming the place when it does not open."""
    if stored == "":
        return ""
    where = f"{table}.{column} row {pk if pk is not None else row_key}"
    prefix, _, rest = stored.partition(":")
    kid, _, body = rest.partition(":")
    if prefix != PREFIX or not kid or not body:
        raise EncryptedValueError(f"{where}: not an encrypted value (written around the application?)")
    key = keyring().keys.get(kid)
    if key is None:
        raise EncryptedValueError(f"{where}: sealed with the key {kid!r}, not in the keyring")
    try:
        raw = base64.b64decode(body.encode("ascii"), validate=True)
        return sm4_gcm_open(key, raw, aad=aad(table, column, row_key)).decode("utf-8")
    except (DecryptError, binascii.Error, UnicodeError, ValueError):
        raise EncryptedValueError(
            f"{where}: fails authentication (altered, or copied from elsewhere)"
        ) from None


class _EncryptedAttribute(DeferredAttribute):
    """A data descriptor, so every read passes here: a ``Sealed`` value is opened (once) with the row."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = super().__get__(instance, cls)  # loads a deferred field
        if isinstance(value, Sealed):
            field = self.field
            value = decrypt(
                value.text,
                table=field.model._meta.db_table,
                column=field.column,
                row_key=getattr(instance, ROW_KEY),
                pk=instance.pk,
            )
            instance.__dict__[field.attname] = value
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Free text kept as SM4-GCM ciphertext; its model needs ``row_key = row_key_field()``."""

    descriptor_class = _EncryptedAttribute
    encrypted = True

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if not any(f.name == ROW_KEY for f in self.model._meta.fields):
            from django.core.checks import Error

            errors.append(
                Error(
                    f"{self.model.__name__} has encrypted fields but no {ROW_KEY}",
                    obj=self,
                    id="taizhang.E_ROW_KEY",
                )
            )
        return errors

    def get_lookup(self, lookup_name):
        if lookup_name not in ALLOWED_LOOKUPS:
            return None  # FieldError: "Unsupported lookup … for EncryptedTextField"
        return super().get_lookup(lookup_name)

    def from_db_value(self, value, expression, connection):
        return value if value in (None, "") else Sealed(value)

    def to_python(self, value):
        return value if isinstance(value, Sealed) else super().to_python(value)

    def get_prep_value(self, value):
        return value if isinstance(value, Sealed) else super().get_prep_value(value)

    def seal_for(self, instance: models.Model, value):
        """``value`` as it is written for the row of ``instance``: a ``Sealed`` stays as it was."""
        if isinstance(value, Sealed) or value in (None, ""):
            return value
        table, row_key = self.model._meta.db_table, getattr(instance, ROW_KEY)
        return Sealed(encrypt(str(value), table=table, column=self.column, row_key=row_key))

    def pre_save(self, model_instance, add):
        # A value loaded and never read is written back as it was: not re-sealed, so a tampered one stays so.
        return self.seal_for(model_instance, model_instance.__dict__.get(self.attname))

    def get_db_prep_value(self, value, connection, prepared=False):
        if isinstance(value, Sealed):
            return value.text
        if value in (None, ""):
            return value
        raise EncryptedFieldMisuse(
            f"{self.model.__name__}.{self.name} is encrypted with its row: save the instance "
            "(no update(), bulk_update() or lookup with text)"
        )


class EncryptedCharField(EncryptedTextField):
    """A short encrypted value (a mobile number): ``max_length`` checks the text, the column is text."""

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        if max_length is not None:  # as CharField does: on the text, not on the stored ciphertext
            self.validators.append(validators.MaxLengthValidator(max_length))

    def formfield(self, **kwargs):
        from django import forms

        return super(models.TextField, self).formfield(
            **{"form_class": forms.CharField, "max_length": self.max_length, **kwargs}
        )


def sealed_changes(instance: models.Model, changes: dict) -> dict:
    """``changes`` for ``QuerySet.update`` on the row of ``instance``: encrypted fields' text sealed."""
    out = {}
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        out[name] = field.seal_for(instance, value) if getattr(field, "encrypted", False) else value
    return out


def encrypted_fields(models_=None) -> Iterator[tuple[type[models.Model], EncryptedTextField]]:
    """Every encrypted field of the installed models (or of ``models_``)."""
    if models_ is None:
        from django.apps import apps

        models_ = apps.get_models()
    for model in models_:
        for field in model._meta.local_fields:
            if getattr(field, "encrypted", False):
                yield model, field


# ---- whole columns, read and written raw (migrations, key rotation, verification) ----


def column_rows(connection, model, field, *, after=None, batch: int = 500, skip_prefix: str = "") -> list:
    """The next ``batch`` rows (pk, row_key, stored text) of ``field`` after the pk ``after`` with a
    non-empty value not starting with ``skip_prefix``, in pk order, read past the field's descriptor."""
    q = connection.ops.quote_name
    pk, table, column = q(model._meta.pk.column), q(model._meta.db_table), q(field.column)
    where, params = [f"{column} <> ''"], []
    if after is not None:
        where.append(f"{pk} > %s")
        params.append(after)
    if skip_prefix:
        where.append(f"SUBSTR({column}, 1, {len(skip_prefix)}) <> %s")
        params.append(skip_prefix)
    sql = (
        f"SELECT {pk}, {q(ROW_KEY)}, {column} FROM {table} WHERE {' AND '.join(where)} "
        f"ORDER BY {pk} LIMIT {int(batch)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def column_write(connection, model, field, rows: list[tuple]) -> int:
    """Write ``(pk, old stored, new stored)`` rows; a row whose value changed meanwhile is left alone
    (compare and set: a concurrent edit is not overwritten). Returns how many were written."""
    q = connection.ops.quote_name
    sql = (
        f"UPDATE {q(model._meta.db_table)} SET {q(field.column)} = %s "
        f"WHERE {q(model._meta.pk.column)} = %s AND {q(field.column)} = %s"
    )
    written = 0
    with connection.cursor() as cursor:
        for pk, old, new in rows:
            cursor.execute(sql, [new, pk, old])
            written += cursor.rowcount
    return written


def column_count(connection, model, field, *, prefix: str) -> int:
    """How many values of ``field`` start with ``prefix`` (say ``sm4g:k1:``)."""
    q = connection.ops.quote_name
    table, column = q(model._meta.db_table), q(field.column)
    sql = f"SELECT COUNT(*) FROM {table} WHERE SUBSTR({column}, 1, {len(prefix)}) = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix])
        return cursor.fetchone()[0]


def column_transform(connection, model, field, change, *, skip_prefix: str = "", batch: int = 500) -> int:
    """Apply ``change(stored, row_key, pk) -> new stored`` to every non-empty value of ``field`` (one
    transaction: for a migration); returns the rows written."""
    written, after = 0, None
    while rows := column_rows(connection, model, field, after=after, batch=batch, skip_prefix=skip_prefix):
        place = {"table": model._meta.db_table, "column": field.column}
        written += column_write(
            connection,
            model,
            field,
            [(pk, old, change(old, {**place, "row_key": rk, "pk": pk})) for pk, rk, old in rows],
        )
        after = rows[-1][0]
    return written


def encrypt_existing(connection, model, names: tuple[str, ...]) -> None:
    """Data migration: encrypt the plain values of ``names`` on ``model`` (a historical model is fine)."""
    for name in names:
        field = model._meta.get_field(name)
        column_transform(
            connection,
            model,
            field,
            lambda old, where: encrypt(
                old, table=where["table"], column=where["column"], row_key=where["row_key"]
            ),
            skip_prefix=PREFIX + ":",
        )


def decrypt_existing(connection, model, names: tuple[str, ...]) -> None:
    """The reverse of ``encrypt_existing``: every value back to its text."""
    for name in names:
        field = model._meta.get_field(name)
        column_transform(connection, model, field, lambda old, where: decrypt(old, **where))


def fill_row_keys(model) -> None:
    """Data migration: a distinct ``row_key`` for every row that has none."""
    for pk in list(model.objects.filter(**{f"{ROW_KEY}__isnull": True}).values_list("pk", flat=True)):
        model.objects.filter(pk=pk).update(**{ROW_KEY: uuid.uuid4()})
