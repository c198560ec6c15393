"""Encrypted columns (``lib.fields``): Python code reads and writes text; the database holds
``sm4g:<key id>:…`` ciphertext bound to its table, column and row; a value altered, copied elsewhere or
written around the application is refused as an integrity error, never shown; the audit log records that
such a field changed, never its text; the migration helpers turn existing text into ciphertext and back."""

from datetime import date

import pytest
from django.core.exceptions import FieldError
from django.db import connection, transaction

from taizhang.accountability.models import AccountabilityCase
from taizhang.accounts.models import User
from taizhang.alerts.models import AdmonitionTalk
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import REDACTED, audit_record, snapshot
from taizhang.lib.fields import (
    EncryptedFieldMisuse,
    EncryptedValueError,
    Sealed,
    decrypt_existing,
    encrypt_existing,
)
from taizhang.lib.keys import keyring
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db
MOBILE = "13800138000"


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _set_raw(table: str, column: str, pk: int, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])


@pytest.fixture
def person():
    user = make_user()
    user.mobile = MOBILE
    user.save(update_fields=["mobile"])
    return user


@pytest.fixture
def case():
    unit = make_unit()
    return AccountabilityCase.objects.create(
        region=unit.region, unit=unit, title="案由", opened_on=date(2021, 5, 10), created_by=make_user(),
        complaints="群众举报某局长收受礼金", surveys="满意度低",
    )  # fmt: skip


def test_the_text_reads_back_and_the_row_holds_only_ciphertext_naming_its_key(person):
    raw = _raw("accounts_user", "mobile", person.pk)
    assert raw.startswith(f"sm4g:{keyring().current.kid}:") and MOBILE not in raw
    assert User.objects.get(pk=person.pk).mobile == MOBILE


def test_chinese_text_is_encrypted_too_and_blank_stays_blank(case):
    raw = _raw("accountability_accountabilitycase", "complaints", case.pk)
    assert "举报" not in raw and raw.startswith("sm4g:")
    assert _raw("accountability_accountabilitycase", "measure_detail", case.pk) == ""
    fresh = AccountabilityCase.objects.get(pk=case.pk)
    assert (fresh.complaints, fresh.measure_detail) == ("群众举报某局长收受礼金", "")


def test_the_same_text_twice_gives_two_ciphertexts():
    a, b = make_user(), make_user()
    for user in (a, b):
        user.mobile = MOBILE
        user.save()
    assert _raw("accounts_user", "mobile", a.pk) != _raw("accounts_user", "mobile", b.pk)


def test_an_altered_value_is_an_integrity_error_not_garbage(person):
    raw = _raw("accounts_user", "mobile", person.pk)
    body = raw.rsplit(":", 1)[1]
    flipped = body[:20] + ("A" if body[20] != "A" else "B") + body[21:]
    _set_raw("accounts_user", "mobile", person.pk, raw.rsplit(":", 1)[0] + ":" + flipped)
    with pytest.raises(EncryptedValueError, match=r"accounts_user\.mobile row .*fails authentication"):
        User.objects.get(pk=person.pk).mobile  # noqa: B018


def test_text_written_around_the_application_is_refused(person):
    _set_raw("accounts_user", "mobile", person.pk, "13999999999")
    with pytest.raises(EncryptedValueError, match="not an encrypted value"):
        User.objects.get(pk=person.pk).mobile  # noqa: B018


def test_a_ciphertext_copied_to_another_row_or_column_does_not_open(person, case):
    other = make_user()
    _set_raw("accounts_user", "mobile", other.pk, _raw("accounts_user", "mobile", person.pk))
    with pytest.raises(EncryptedValueError):
        User.objects.get(pk=other.pk).mobile  # noqa: B018
    table = "accountability_accountabilitycase"
    _set_raw(table, "surveys", case.pk, _raw(table, "complaints", case.pk))
    with pytest.raises(EncryptedValueError, match="surveys"):
        AccountabilityCase.objects.get(pk=case.pk).surveys  # noqa: B018


def test_saving_a_row_does_not_launder_a_tampered_value_it_did_not_read(person):
    _set_raw("accounts_user", "mobile", person.pk, "13999999999")
    user = User.objects.get(pk=person.pk)
    user.display_name = "新名字"
    user.save()
    with pytest.raises(EncryptedValueError):
        User.objects.get(pk=person.pk).mobile  # noqa: B018


def test_sql_cannot_search_or_write_the_text(person):
    with pytest.raises(FieldError):
        list(User.objects.filter(mobile__icontains="138"))
    with pytest.raises(EncryptedFieldMisuse):
        list(User.objects.filter(mobile=MOBILE))
    with pytest.raises(EncryptedFieldMisuse), transaction.atomic():
        User.objects.filter(pk=person.pk).update(mobile="13900000000")
    assert User.objects.filter(mobile="").count() == User.objects.count() - 1  # blank is still asked
    assert isinstance(User.objects.values_list("mobile", flat=True).get(pk=person.pk), Sealed)


def test_the_audit_log_says_an_encrypted_field_changed_never_its_text(person):
    unit = make_unit()
    talk = AdmonitionTalk.objects.create(
        unit=unit, talked_with="王局长", held_by="李书记", held_on=date(2021, 5, 10), notes="指出问题",
        recorded_by=person,
    )  # fmt: skip
    with transaction.atomic():
        event = audit_record(actor=None, action="talk.record", obj=talk, after=snapshot(talk))
    after = AuditEvent.objects.get(pk=event.pk).after
    assert after["notes"] == after["talked_with"] == REDACTED and after["held_by"] == "李书记"
    assert "王局长" not in AuditEvent.objects.get(pk=event.pk).object_repr


def test_the_migration_helpers_encrypt_existing_text_and_the_reverse_decrypts_it(person, case):
    table = "accountability_accountabilitycase"
    _set_raw(table, "complaints", case.pk, "旧的举报内容")  # as it was before the upgrade
    _set_raw("accounts_user", "mobile", person.pk, MOBILE)
    encrypt_existing(connection, AccountabilityCase, ("complaints", "surveys", "measure_detail"))
    encrypt_existing(connection, User, ("mobile",))
    assert _raw(table, "complaints", case.pk).startswith("sm4g:")
    assert AccountabilityCase.objects.get(pk=case.pk).complaints == "旧的举报内容"
    assert User.objects.get(pk=person.pk).mobile == MOBILE
    surveys = _raw(table, "surveys", case.pk)
    encrypt_existing(connection, AccountabilityCase, ("surveys",))  # a rerun leaves ciphertext alone
    assert _raw(table, "surveys", case.pk) == surveys
    decrypt_existing(connection, AccountabilityCase, ("complaints", "surveys"))
    assert (_raw(table, "complaints", case.pk), _raw(table, "surveys", case.pk)) == (
        "旧的举报内容",
        "满意度低",
    )
