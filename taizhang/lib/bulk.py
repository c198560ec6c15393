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

``insert_rows`` is the same insert for rows the caller already holds as plain values (a tuple a row, no
model instances): what a job writing tens of thousands of rows builds most cheaply, outside its
transaction.

Not for rows with expressions as values, or models with parents (multi-table inheritance)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router
from django.db.models.base import ModelState
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
        return _last_one(connection.ops.adapt_datetimefield_value)
    if kind is models.JSONField:  # what its get_db_prep_save ends in, for a plain (not None) value
        encoder = field.encoder
        return lambda value: connection.ops.adapt_json_value(value, encoder)
    return lambda value: field.get_db_prep_save(value, connection)


def _last_one(adapt: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``adapt`` remembering its last answer: a job's rows mostly share one moment (``now``), adapted once."""
    last: list[Any] = [object(), None]

    def adapted(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, adapt(value)
        return last[1]

    return adapted


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
    rows = []
    for obj in objs:
        row: list[Any] = []
        for field, prepare, sets in zip(fields, preparers, own, strict=True):
            value = field.pre_save(obj, True) if sets else getattr(obj, field.attname)
            row.append(value if prepare is None or value is None else prepare(value))
        rows.append(row)
    back = _execute(connection, model, fields, rows, ignore_conflicts, [pk, *key_fields] if returning else [])
    if key_fields:
        by_key = {tuple(getattr(obj, f.attname) for f in key_fields): obj for obj in objs}
        made = []
        for new_pk, *values in back:
            obj = by_key[tuple(values)]
            setattr(obj, pk.attname, new_pk)
            made.append(obj)
    else:
        made = objs
        if returning:
            for obj, (new_pk,) in zip(objs, back, strict=True):
                setattr(obj, pk.attname, new_pk)
    for obj in made:
        obj._state.adding, obj._state.db = False, using
    return made


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    ignore_conflicts: bool = False,
    returning: Sequence[str] = (),
    using=None,
) -> list[tuple]:
    """Insert ``rows`` into ``model``'s table: each a sequence of plain values, one for each name in
    ``fields`` (field names or attnames: ``unit`` or ``unit_id`` both take the id), prepared for the driver
    as ``bulk_insert`` prepares them. Every other concrete field but the primary key takes its default,
    computed once for the call — so not for a field whose default must differ from row to row (an
    ``auto_now_add`` time, a random token): name those. Returns the values of ``returning`` for each row
    stored, in the rows' order, or with ``ignore_conflicts`` for the rows stored only, in no set order
    (return a key to tell them apart). ``returning`` needs a backend that returns rows from a bulk insert
    (SQLite ≥ 3.35 and PostgreSQL both do)."""
    if not rows:
        return []
    using = using or router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    named = [opts.get_field(name) for name in fields]
    others = [f for f in opts.concrete_fields if f not in named and f is not opts.pk]
    defaults = []
    for field in others:
        value = field.get_default()
        prepare = _preparer(field, connection)
        defaults.append(value if prepare is None or value is None else prepare(value))
    preparers = [_preparer(f, connection) for f in named]
    prepared = []
    for row in rows:
        values = [
            value if prepare is None or value is None else prepare(value)
            for value, prepare in zip(row, preparers, strict=True)
        ]
        prepared.append(values + defaults)
    back_fields = [opts.get_field(name) for name in returning]
    if back_fields and not connection.features.can_return_rows_from_bulk_insert:
        raise NotImplementedError("insert_rows: this database cannot return rows from an insert")
    return _execute(connection, model, [*named, *others], prepared, ignore_conflicts, back_fields)


def stored_instance(model: type[models.Model], values: dict[str, Any], *, using: str) -> models.Model:
    """An instance of ``model`` for a row already stored, from ``values``: every concrete field's value by
    attname. Built as unpickling builds one (``__new__``, then its ``__dict__``), not field by field through
    ``__init__`` — a fraction of the cost for the tens of thousands of rows a job has just inserted. Sends no
    ``pre_init``/``post_init`` signal (the project connects none to its models)."""
    obj = model.__new__(model)
    obj.__dict__.update(values)
    obj._state = ModelState()
    obj._state.adding, obj._state.db = False, using
    return obj


def _execute(connection, model, fields, rows: list[list], ignore_conflicts: bool, returning) -> list[tuple]:
    """The backend's own multi-row INSERT of prepared ``rows`` (values in the order of ``fields``), one
    statement per batch of the backend's size; the ``returning`` columns of the rows stored.

    On PostgreSQL the rows go as one array a column (``INSERT … SELECT * FROM unnest(%s::type[], …)``): a
    statement with a placeholder a value (tens of thousands) costs psycopg more client CPU splitting the
    query text than the values themselves — about half of appending a batch of audit entries — and the
    server a parse as long; arrays keep it to one placeholder a column. The rows are stored in their order,
    as from ``VALUES``, and ``RETURNING`` answers in it."""
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    head = f"{connection.ops.insert_statement(on_conflict=on_conflict)} {table} ({columns}) "
    suffix = connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None) or ""
    tail = connection.ops.return_insert_columns(returning)[0] if returning else ""
    back: list[tuple] = []
    if connection.vendor == "postgresql":
        arrays = ", ".join(f"%s::{_array_type(f, connection)}" for f in fields)
        sql = f"{head}SELECT * FROM unnest({arrays})" + (f" {suffix}" if suffix else "")
        with connection.cursor() as cursor:
            for start in range(0, len(rows), UNNEST_ROWS):
                chunk = rows[start : start + UNNEST_ROWS]
                cursor.execute(f"{sql} {tail}" if tail else sql, [list(c) for c in zip(*chunk, strict=True)])
                if returning:
                    back += [tuple(r) for r in cursor.fetchall()]
        return back
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(connection.ops.bulk_batch_size(fields, rows), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            sql = head + "VALUES " + ", ".join([row_sql] * len(chunk)) + (f" {suffix}" if suffix else "")
            cursor.execute(f"{sql} {tail}" if tail else sql, [v for row in chunk for v in row])
            if returning:
                back += [tuple(r) for r in cursor.fetchall()]
    return back


UNNEST_ROWS = 5000  # rows a statement on PostgreSQL (arrays have no placeholder limit; this bounds memory)


def _array_type(field: models.Field, connection) -> str:
    """The SQL array type of ``field``'s column (``varchar(64)[]``, ``jsonb[]``, ``bigint[]`` …)."""
    return f"{field.rel_db_type(connection) if field.is_relation else field.db_type(connection)}[]"
