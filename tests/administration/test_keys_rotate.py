"""``taizhang keys rotate``, as the operator runs it: a new current key in the keyring file, every encrypted
value and every seal under it afterwards and still readable and genuine, a rerun changes nothing, ``--retire``
takes the old key out only once nothing uses it, and a keyring it cannot change stops it with exit 2."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.seal import decision_is_genuine, decision_seal
from taizhang.accounts.grants import grant_is_genuine
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.administration.integrity import integrity_verify
from taizhang.administration.keys import key_uses
from taizhang.audit.chain import anchor_message
from taizhang.audit.models import AuditAnchor, AuditEvent
from taizhang.audit.services import audit_anchor
from taizhang.audit.verify import chain_verify
from taizhang.cli import main
from taizhang.lib.gm import hmac_sm3
from taizhang.lib.keys import keyring, keyring_init, parse_keyring
from tests.factories import make_region, make_unit, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_operator")]  # English output
CASE = "accountability_accountabilitycase"


@pytest.fixture
def keyfile(tmp_path, monkeypatch):
    path = tmp_path / "keys"
    keyring_init(path, kid="k1")
    monkeypatch.delenv("TAIZHANG_KEY", raising=False)
    monkeypatch.setenv("TAIZHANG_KEY_FILE", str(path))
    keyring.cache_clear()
    yield path
    keyring.cache_clear()


@pytest.fixture
def sealed(keyfile):
    """Under k1: a mobile, a decided case (its texts and its seal), a role grant and an audit anchor."""
    person = make_user(role=Role.INSPECTOR, region=make_region())
    person.mobile = "13800138000"
    person.save()
    unit = make_unit()
    case = AccountabilityCase.objects.create(
        region=unit.region, unit=unit, title="案由", opened_on=date(2021, 5, 10), created_by=person,
        complaints="举报内容", state="decided", measure="criticism", measure_detail="通报批评",
        decided_on=date(2021, 6, 1),
    )  # fmt: skip
    AccountabilityCase.objects.filter(pk=case.pk).update(decision_seal=decision_seal(case))
    audit_anchor()
    return person, case


def _rotate(capsys, *args) -> tuple[int, str]:
    try:
        call_command("keys", "rotate", *args)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out + out.err


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_rotation_puts_every_value_and_seal_under_the_new_key_and_all_still_holds(capsys, keyfile, sealed):
    person, case = sealed
    code, out = _rotate(capsys)
    assert code == 0 and "key rotation done" in out
    assert keyring().current.kid == "k2" and set(keyring().keys) == {"k1", "k2"}
    assert _raw("accounts_user", "mobile", person.pk).startswith("sm4g:k2:")
    assert _raw(CASE, "complaints", case.pk).startswith("sm4g:k2:")
    assert _raw(CASE, "measure_detail", case.pk).startswith("sm4g:k2:")
    assert User.objects.get(pk=person.pk).mobile == "13800138000"
    case = AccountabilityCase.objects.get(pk=case.pk)
    assert (
        case.complaints == "举报内容" and case.decision_seal.startswith("k2:") and decision_is_genuine(case)
    )
    grant = RoleGrant.objects.get(user=person)
    assert grant.seal.startswith("k2:") and grant_is_genuine(
        grant.user_id, grant.role, grant.unit_id, grant.region_id, grant.seal
    )
    assert set(AuditAnchor.objects.values_list("key_id", flat=True)) == {"k1", "k2"}  # append-only: a twin
    assert chain_verify().ok and integrity_verify(alarm=False) == []
    assert AuditEvent.objects.filter(action="keys.add", after__key_id="k2").exists()
    assert AuditEvent.objects.filter(action="keys.rotate").exists()


def test_a_rerun_changes_nothing_and_then_the_old_key_is_retired(capsys, keyfile, sealed):
    person, case = sealed
    _rotate(capsys, "--id", "2027a")
    before = (_raw("accounts_user", "mobile", person.pk), _raw(CASE, "complaints", case.pk))
    code, _ = _rotate(capsys, "--resume")
    assert code == 0
    assert (_raw("accounts_user", "mobile", person.pk), _raw(CASE, "complaints", case.pk)) == before
    code, out = _rotate(capsys, "--resume", "--retire", "k1")
    assert code == 0 and "retired: k1" in out
    assert set(parse_keyring(keyfile.read_text()).keys) == {"2027a"}
    assert chain_verify().ok  # the anchors under k1 are covered by their twins under 2027a
    assert User.objects.get(pk=person.pk).mobile == "13800138000"
    assert AuditEvent.objects.filter(action="keys.retire", after__key_id="k1").exists()


def test_a_tampered_value_is_left_under_its_key_and_the_old_key_is_not_retired(capsys, keyfile, sealed):
    person, case = sealed
    other = make_user()
    with connection.cursor() as cursor:  # another row's ciphertext copied over: does not open
        cursor.execute(
            f"UPDATE {CASE} SET surveys = %s WHERE id = %s", [_raw(CASE, "complaints", case.pk), case.pk]
        )
        cursor.execute(
            "UPDATE accounts_user SET mobile = %s WHERE id = %s",
            [_raw("accounts_user", "mobile", person.pk), other.pk],
        )
    code, out = _rotate(capsys, "--retire", "k1")
    assert (
        code == 1 and f"{CASE}.surveys row {case.pk}" in out and f"accounts_user.mobile row {other.pk}" in out
    )
    assert _raw(CASE, "complaints", case.pk).startswith("sm4g:k2:")  # the genuine ones moved on
    assert _raw(CASE, "surveys", case.pk).startswith("sm4g:k1:")
    assert "k1" in parse_keyring(keyfile.read_text()).keys
    code, out = _rotate(capsys, "--resume", "--retire", "k1")
    assert code == 1 and "k1" in parse_keyring(keyfile.read_text()).keys


def test_an_anchor_signed_under_the_old_key_meanwhile_is_counted_and_a_rerun_covers_it(
    capsys, keyfile, sealed
):
    _rotate(capsys)
    k1 = keyring().keys["k1"]  # a tick that still had the old keyring signs after the rotation
    message = anchor_message(1, "0" * 64, "tick")
    AuditAnchor.objects.create(
        kind="tick", event_id=1, event_hash="0" * 64, key_id="k1", mac=hmac_sm3(k1.mac_key, message)
    )
    assert list(key_uses("k1")) == [("audit anchors", 1)]
    code, out = _rotate(capsys, "--resume", "--retire", "k1")
    assert code == 0 and "retired: k1" in out and list(key_uses("k1")) == []


def test_a_keyring_in_the_environment_or_a_missing_file_stops_it_with_exit_2(
    capsys, monkeypatch, tmp_path, db
):
    monkeypatch.delenv("TAIZHANG_KEY_FILE", raising=False)
    monkeypatch.setenv("TAIZHANG_KEY", "k1 " + "5a" * 32)
    keyring.cache_clear()
    code, out = _rotate(capsys)
    assert code == 2 and "TAIZHANG_KEY" in out
    monkeypatch.delenv("TAIZHANG_KEY")
    monkeypatch.setenv("TAIZHANG_KEY_FILE", str(tmp_path / "nowhere"))
    keyring.cache_clear()
    code, out = _rotate(capsys)
    assert code == 2 and "cannot read" in out
    keyring.cache_clear()


def test_the_taizhang_command_hands_keys_rotate_to_django_and_keeps_keys_init_plain(capsys, keyfile, db):
    with pytest.raises(SystemExit) as exit_:
        main(
            ["keys", "rotate", "--id", "k1", "--retire", "k1"]
        )  # k1 is current: nothing added, retire refused
    assert exit_.value.code == 2 and "current key" in capsys.readouterr().err
    assert main(["keys", "init", "--file", str(keyfile)]) == 2  # no database needed to refuse an overwrite
