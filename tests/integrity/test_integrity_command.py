"""``taizhang integrity verify``, as an evaluator runs it after tampering at rest: 0 when everything holds;
exit 1 naming each changed file, changed snapshot and changed role grant, each one alarmed."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from taizhang.accounts.models import Role, RoleGrant
from taizhang.audit.models import AuditEvent
from tests.assessment.scene import create, publish
from tests.factories import make_region, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_operator")]  # English output


def _verify(capsys, *args) -> tuple[int, str]:
    try:
        call_command("integrity", "verify", *args)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out + out.err


def test_everything_genuine_passes(capsys, scene):
    publish(scene, create(scene))
    code, out = _verify(capsys)
    assert code == 0 and "integrity check passed" in out


def test_a_changed_snapshot_score_and_a_changed_grant_fail_and_are_named(capsys, scene):
    a = publish(scene, create(scene))
    data = a.snapshot.data
    data["units"][0]["total"] = "99.99"
    person = make_user(role=Role.INSPECTOR, region=make_region())
    grant = RoleGrant.objects.get(user=person)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessment_snapshot SET data = %s WHERE id = %s", [json.dumps(data), a.snapshot.pk]
        )
        cursor.execute("UPDATE accounts_rolegrant SET role = %s WHERE id = %s", [Role.OFFICE_ADMIN, grant.pk])
    code, out = _verify(capsys)
    assert code == 1
    assert f"snapshot {a.snapshot.pk}" in out and f"role grant {grant.pk}" in out
    assert AuditEvent.objects.filter(action="assessment_snapshot.tampered").count() == 1
    assert AuditEvent.objects.filter(action="role_grant.tampered").count() == 1


def test_changed_file_bytes_fail(capsys, db):
    from django.core.files.base import ContentFile

    from taizhang.files.storage import blob_store

    blob = blob_store(ContentFile(b"%PDF-1.4 evidence", name="a.pdf"), content_type="application/pdf")
    with open(blob.file.path, "r+b") as f:
        f.write(b"%PDF-1.4 EVIDENCE")
    code, out = _verify(capsys, "--no-alarm")
    assert code == 1 and f"blob {blob.pk}" in out and "file.tampered" in out
    assert not AuditEvent.objects.filter(action="file.tampered").exists()


def test_an_encrypted_value_that_does_not_open_fails_and_is_named(capsys, db):
    person, other = make_user(), make_user()
    person.mobile = "13800138000"
    person.save(update_fields=["mobile"])
    with connection.cursor() as cursor:  # the ciphertext copied to another person's row
        cursor.execute(
            "UPDATE accounts_user SET mobile = (SELECT mobile FROM accounts_user WHERE id = %s) "
            "WHERE id = %s",
            [person.pk, other.pk],
        )
    code, out = _verify(capsys)
    assert code == 1 and f"accounts_user.mobile row {other.pk}" in out
    assert f"row {person.pk}" not in out
    assert AuditEvent.objects.filter(action="encrypted_value.tampered", object_id=str(other.pk)).count() == 1
