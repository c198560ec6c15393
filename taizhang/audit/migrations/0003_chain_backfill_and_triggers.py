"""Links the entries already written into the SM3 chain, then lets the database refuse UPDATE and DELETE on
the audit tables (``audit.gate``: a trigger per vendor; the reverse drops them).

On SQLite, a later migration that rebuilds ``audit_auditevent`` (SQLite alters a table by copying it) drops
its triggers with the old table: such a migration must run ``triggers_sql`` again. The tamper tests fail if
the triggers are missing."""

from django.db import migrations

from taizhang.audit.chain import FIELDS, GENESIS, link
from taizhang.audit.gate import triggers_sql


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    db = schema_editor.connection.alias
    last_id, last_hash = None, GENESIS
    for row in AuditEvent.objects.using(db).order_by("id").values("id", *FIELDS).iterator(chunk_size=2000):
        last_id, last_hash = row["id"], link(last_hash, row)
        AuditEvent.objects.using(db).filter(pk=last_id).update(hash=last_hash)
    AuditChainHead.objects.using(db).update_or_create(pk=1, defaults={"last_id": last_id, "last_hash": last_hash})


def create_triggers(apps, schema_editor):
    for sql in triggers_sql(schema_editor.connection.vendor, create=True):
        schema_editor.execute(sql, params=None)


def drop_triggers(apps, schema_editor):
    for sql in triggers_sql(schema_editor.connection.vendor, create=False):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
