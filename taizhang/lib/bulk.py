"""``bulk_insert``: what ``QuerySet.bulk_create`` does for the tick's tens of thousands of rows (warnings,
messages, deliveries, audit entries), at a fraction of its CPU.

``bulk_create`` prepares every value of every row through its field (``get_db_prep_save`` after
``pre_save``, with an expression check each): ~15 calls a value, 25 s of a province's first tick. Here each
field's preparation is chosen once per insert: plain columns (text, numbers, booleans, keys to such) pass
their value as ``bulk_create`` would hand it to the driver, date-times go through the backend's adapter
only, and every other field (JSON, IP addresses, encrypted text …) through its own ``get_db_prep_save`` as
before. The statement is the backend's own (``connection.ops``): one multi-row INSERT per batch of the
backend's size, with RETURNING the new ids where the backend can (both SQLite ≥ 3.35 and PostgreSQL), so
``objs`` come back with their ``pk`` set, as from ``bulk_create``.

Not for rows with expressions as values, or models with parents (multi-table inheritance)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router
from django.db.models.constants import OnConflict

PLAIN = frozenset(
    {
        models.CharField,
        models.TextField,
        models.SlugField,
        models.IntegerField,
        models.BigIntegerField,
        models.SmallIntegerField,
        models.PositiveIntegerField,
        models.PositiveBigIntegerField,
        models.PositiveSmallIntegerField,
        models.BooleanField,
        models.AutoField,
        models.BigAutoField,
        models.SmallAutoField,
    }
)


def _preparer(field: models.Field, connection) -> Callable[[Any], Any] | None:
    """How a value of ``field`` is made ready for the driver: None when it is ready as it is."""
    kind = type(field)
    if isinstance(field, models.ForeignKey):
        kind = type(field.target_field)
    if kind in PLAIN:
        return None
    if kind is models.DateTimeField:
        return connection.ops.adapt_datetimefield_value
    return lambda value: field.get_db_prep_save(value, connection)


def _own_pre_save(field: models.Field) -> bool:
    """Whether ``field`` sets its value on insert (``auto_now_add`` …), not just reads it."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return True
    kind = type(field.target_field) if isinstance(field, models.ForeignKey) else type(field)
    return kind not in PLAIN and kind is not models.DateTimeField


def bulk_insert(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    ignore_conflicts: bool = False,
    key: Sequence[str] = (),
    using=None,
) -> list[models.Model]:
    """Insert ``objs`` (unsaved instances of ``model``) as ``bulk_create`` would; ``ignore_conflicts`` as
    there (the rows a unique constraint refuses are left out). Returns ``objs``, or with
    ``ignore_conflicts`` the objects this insert stored, ids set, when ``key`` names fields that tell them
    apart (the database returns the rows it inserted, and only those) — else no ids are read back."""
    objs = list(objs)
    if not objs:
        return objs
    using = using or router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    pk = opts.pk
    with_pk = all(getattr(obj, pk.attname) is not None for obj in objs)
    fields = [f for f in opts.concrete_fields if with_pk or f is not pk]
    preparers = [_preparer(f, connection) for f in fields]
    own = [_own_pre_save(f) for f in fields]
    can_return = not with_pk and connection.features.can_return_rows_from_bulk_insert
    returning = can_return and (not ignore_conflicts or bool(key))
    key_fields = [opts.get_field(name) for name in key] if ignore_conflicts and returning else []
    stored: dict[tuple, models.Model] = {}
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    table = connection.ops.quote_name(opts.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    head = f"{connection.ops.insert_statement(on_conflict=on_conflict)} {table} ({columns}) VALUES "
    suffix = connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None) or ""
    tail = ""
    if returning:
        tail, _ = connection.ops.return_insert_columns([pk, *key_fields])
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(connection.ops.bulk_batch_size(fields, objs), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            chunk = objs[start : start + size]
            params: list[Any] = []
            for obj in chunk:
                for field, prepare, sets in zip(fields, preparers, own, strict=True):
                    value = field.pre_save(obj, True) if sets else getattr(obj, field.attname)
                    params.append(value if prepare is None or value is None else prepare(value))
            sql = head + ", ".join([row_sql] * len(chunk)) + (f" {suffix}" if suffix else "")
            cursor.execute(f"{sql} {tail}" if tail else sql, params)
            if returning and key_fields:
                by_key = {tuple(getattr(obj, f.attname) for f in key_fields): obj for obj in chunk}
                for new_pk, *values in cursor.fetchall():
                    obj = stored[tuple(values)] = by_key[tuple(values)]
                    setattr(obj, pk.attname, new_pk)
            elif returning:
                for obj, (new_pk,) in zip(chunk, cursor.fetchall(), strict=True):
                    setattr(obj, pk.attname, new_pk)
    made = list(stored.values()) if key_fields else objs
    for obj in made:
        obj._state.adding, obj._state.db = False, using
    return made
