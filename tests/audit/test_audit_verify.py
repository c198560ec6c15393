"""The evaluator's tamper drills: with the triggers dropped (a DBA), each kind of tampering with the audit
table is found by ``taizhang audit verify``, which names the first broken entry and exits non-zero."""

import pytest
from django.core.management import CommandError, call_command

from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_anchor
from tests.audit.conftest import write_entries

pytestmark = pytest.mark.usefixtures("english_operator")  # the assertions read the English output

COLUMNS = "at, actor_id, action, object_type, object_id, object_repr, before, after, source, ip, result, unit_ref, region_ref, hash"  # noqa: E501


def _verify(capsys) -> str:
    call_command("audit", "verify")
    return capsys.readouterr().out


def _broken(match: str) -> None:
    with pytest.raises(CommandError, match=match):
        call_command("audit", "verify")


def test_an_untouched_log_verifies_with_a_summary(entries, keys, capsys):
    audit_anchor()
    out = _verify(capsys)
    assert "intact" in out and f"{len(entries)} entries" in out and "1 signed anchors" in out


def test_an_update_is_named(entries, dba):
    dba("UPDATE audit_auditevent SET action = 'test.harmless' WHERE id = %s", [entries[3]])
    _broken(f"entry #{entries[3]} does not follow #{entries[2]}")


def test_a_change_of_any_field_is_named(entries, dba):
    dba("UPDATE audit_auditevent SET ip = '10.9.9.9' WHERE id = %s", [entries[1]])
    _broken(f"entry #{entries[1]} does not follow")


def test_a_deletion_is_named_by_the_entry_after_the_gap(entries, dba):
    dba("DELETE FROM audit_auditevent WHERE id = %s", [entries[2]])
    _broken(f"entry #{entries[3]} does not follow #{entries[1]}")


def test_an_insertion_is_named(entries, dba):
    # A forger copies an entry into the gap a deletion left (same content and hash as its neighbour).
    dba("DELETE FROM audit_auditevent WHERE id = %s", [entries[-1]])
    dba(
        f"INSERT INTO audit_auditevent (id, {COLUMNS}) "
        f"SELECT %s, {COLUMNS} FROM audit_auditevent WHERE id = %s",
        [entries[-1], entries[2]],
    )
    _broken(f"entry #{entries[-1]} does not follow #{entries[-2]}")


def test_an_insertion_linked_to_its_predecessor_is_named_itself(db, dba):
    first = write_entries(1)[0]
    later = AuditEvent(pk=first + 10, action="test.entry")
    later.save()
    # The forger links the new row to the one before it, as the chain would: the entry after it breaks.
    before = AuditEvent.objects.get(pk=first)
    forged = AuditEvent(pk=first + 5, action="test.forged", at=later.at)
    from taizhang.audit.chain import link

    forged.hash = link(before.hash, forged.chain_values())
    dba(
        f"INSERT INTO audit_auditevent (id, {COLUMNS}) SELECT %s, at, actor_id, 'test.forged', object_type, "
        f"object_id, object_repr, before, after, source, ip, result, unit_ref, region_ref, %s "
        "FROM audit_auditevent WHERE id = %s",
        [first + 5, forged.hash, first + 10],
    )
    _broken(f"entry #{first + 5} was inserted")


def test_a_reordering_is_named(entries, dba):
    a, b = entries[1], entries[2]
    dba("UPDATE audit_auditevent SET id = -1 WHERE id = %s", [a])
    dba("UPDATE audit_auditevent SET id = %s WHERE id = %s", [a, b])
    dba("UPDATE audit_auditevent SET id = %s WHERE id = -1", [b])
    _broken(f"entry #{a} does not follow #{entries[0]}")


def test_a_truncation_after_an_anchor_is_found_even_with_the_head_rewritten(entries, keys, dba):
    audit_anchor()  # signs the last entry
    write_entries(2)
    dba("DELETE FROM audit_auditevent WHERE id >= %s", [entries[3]])
    dba(
        "UPDATE audit_auditchainhead SET last_id = %s, "
        "last_hash = (SELECT hash FROM audit_auditevent WHERE id = %s)",
        [entries[2], entries[2]],
    )
    _broken(f"entry #{entries[-1]}, signed by anchor #\\d+, is missing: the log was cut after #{entries[2]}")


def test_a_truncation_of_the_tail_is_found_by_the_chain_head(entries, dba):
    dba("DELETE FROM audit_auditevent WHERE id >= %s", [entries[4]])
    _broken(f"the chain head names entry #{entries[-1]} but the log ends at #{entries[3]}")


def test_a_forged_anchor_is_found(entries, keys, dba):
    anchor = audit_anchor()
    dba("UPDATE audit_auditanchor SET event_id = %s WHERE id = %s", [entries[2], anchor.pk])
    _broken(f"anchor #{anchor.pk} fails its HMAC-SM3")


def test_a_recomputed_chain_is_caught_by_the_signed_anchor(entries, keys, dba):
    audit_anchor()
    from taizhang.audit.chain import GENESIS, link

    dba("UPDATE audit_auditevent SET action = 'test.harmless' WHERE id = %s", [entries[1]])
    prev = GENESIS  # the forger recomputes every hash (SM3 needs no key) …
    for row in AuditEvent.objects.order_by("id"):
        prev = link(prev, row.chain_values())
        dba("UPDATE audit_auditevent SET hash = %s WHERE id = %s", [prev, row.pk])
    dba("UPDATE audit_auditchainhead SET last_hash = %s", [prev])
    _broken(f"entry #{entries[-1]} differs from signed anchor")  # … but cannot sign the new tail


def test_verify_reads_thousands_of_entries_a_second(db, keys):
    AuditEvent.objects.bulk_create(AuditEvent(action="test.bulk", after={"n": i}) for i in range(3000))
    import time

    started = time.perf_counter()
    call_command("audit", "verify")
    assert time.perf_counter() - started < 3  # generous: a fraction of that on a laptop


def test_entries_written_while_the_check_runs_are_no_tamper(entries, capsys):
    """The tick checks the chain while people keep saving: entries appended after the check read the head
    are linked and the head moves with them, so nothing is reported (a bench run once alarmed here)."""
    from unittest import mock

    from taizhang.audit import verify
    from taizhang.audit.models import AuditChainHead

    real_rows, real_head = AuditEvent.objects.filter, AuditChainHead.objects.filter
    head_reads = []

    def rows_after_a_save(*args, **kwargs):
        write_entries(3)  # saves landing between the head's read and the rows' read
        return real_rows(*args, **kwargs)

    def head_after_more_saves(*args, **kwargs):
        head_reads.append(1)
        if len(head_reads) == 2:
            write_entries(2)  # and more while the rows were being checked
        return real_head(*args, **kwargs)

    with (
        mock.patch.object(AuditEvent.objects, "filter", side_effect=rows_after_a_save),
        mock.patch.object(AuditChainHead.objects, "filter", side_effect=head_after_more_saves),
    ):
        result = verify.chain_verify()
    assert result.ok, result
    assert result.entries == len(entries) + 3 and len(head_reads) == 2


def test_an_entry_appended_outside_taizhang_is_found_by_the_chain_head(entries, dba):
    """An entry inserted past the head with a correct link, but without moving the head, is from outside."""
    from taizhang.audit.chain import link
    from taizhang.audit.models import AuditChainHead

    last = AuditEvent.objects.get(pk=entries[-1])
    forged = AuditEvent(action="forged", after={"n": 99})
    forged.at = last.at
    forged.hash = link(last.hash, forged.chain_values())
    head_before = AuditChainHead.objects.values_list("last_id", "last_hash").get()
    AuditEvent.objects.bulk_create([forged])  # links and moves the head; put the head back as it was
    dba("UPDATE audit_auditchainhead SET last_id = %s, last_hash = %s", list(head_before))
    _broken(r"entries were added outside taizhang")


def test_a_bulk_write_verifies_and_a_tamper_in_it_is_named(entries, dba, capsys):
    """``audit_record_many`` (the tick's warnings and messages: hundreds of entries an insert) links every
    entry as ``audit_record`` does, dates, addresses and places included; an edit inside it is named."""
    from datetime import date

    from django.db import transaction

    from taizhang.audit.services import audit_entry, audit_record_many

    bulk = [
        audit_entry(
            actor=None,
            action="test.bulk",
            obj=None,
            before={"due": date(2021, 5, 3)} if i % 2 else None,
            after={"n": i, "levels": ("notice", "red")},
            ip="10.0.0.2" if i % 3 else None,
            place=(i, 7),
        )
        for i in range(120)
    ]
    with transaction.atomic():
        ids = [e.pk for e in audit_record_many(bulk)]
    assert ids == list(range(entries[-1] + 1, entries[-1] + 121))
    stored = AuditEvent.objects.get(pk=ids[1])
    assert (stored.before, stored.ip, stored.unit_ref) == ({"due": "2021-05-03"}, "10.0.0.2", 1)
    assert f"{len(entries) + 120} entries" in _verify(capsys)
    dba("UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"n": 999}', ids[50]])
    _broken(f"entry #{ids[50]} does not follow #{ids[49]}")


def test_entries_appended_as_plain_values_verify_and_a_tamper_in_them_is_named(entries, dba, capsys):
    """``audit_record_values`` (the tick's raised warnings and messages, built as plain values before the
    batch's transaction) links each entry as ``audit_record`` does and stores what ``audit_entry`` would."""
    from datetime import date

    from django.db import transaction
    from django.utils import timezone

    from taizhang.audit.services import audit_record_values, audit_values
    from taizhang.units.models import Unit

    now = timezone.now()
    values = [
        audit_values(
            model=Unit,
            action="test.values",
            at=now,
            place=(i, 7),
            object_id=i,
            object_repr=f"单位 {i}",
            before={"due": date(2021, 5, 3)} if i % 2 else None,
            after={"n": i, "levels": ("notice", "red")},
        )
        for i in range(120)
    ]
    with transaction.atomic():
        ids = audit_record_values(values)
    assert ids == list(range(entries[-1] + 1, entries[-1] + 121))
    stored = AuditEvent.objects.get(pk=ids[1])
    assert (stored.object_type, stored.object_id, stored.object_repr) == ("units.unit", "1", "单位 1")
    assert (stored.before, stored.after, stored.unit_ref, stored.at) == (
        {"due": "2021-05-03"},
        {"n": 1, "levels": ["notice", "red"]},
        1,
        now,
    )
    assert f"{len(entries) + 120} entries" in _verify(capsys)
    dba("UPDATE audit_auditevent SET object_id = %s WHERE id = %s", ["999", ids[60]])
    _broken(f"entry #{ids[60]} does not follow #{ids[59]}")
