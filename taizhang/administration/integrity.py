"""完整性核验: every protected thing at rest checked at once (``taizhang integrity verify``): each stored file
against its SHA-256, each published snapshot, role grant and accountability decision against its
HMAC-SM3 seal, each encrypted value (``lib.fields``) against its SM4-GCM tag. What fails is
listed and alarmed (``audit.alarms``: an audit entry and the security administrators told, once per thing).
The checks on read (a download, a ranking page, a scope) stay the first line; this finds what nobody read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection

from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.seal import decision_is_genuine
from taizhang.accounts.grants import grant_is_genuine
from taizhang.accounts.models import RoleGrant
from taizhang.assessment.models import Snapshot
from taizhang.assessment.snapshot import snapshot_is_genuine
from taizhang.audit.alarms import raise_alarm
from taizhang.files.models import Blob
from taizhang.files.storage import stored_digest
from taizhang.lib.fields import EncryptedValueError, column_rows, decrypt, encrypted_fields


@dataclass(frozen=True)
class Failure:
    kind: str  # the alarm's action, e.g. file.tampered
    label: str  # what failed, for the operator: "blob 12 evidence/3f/3f9a…"
    obj: object
    detail: dict


def blob_failures() -> Iterator[Failure]:
    for blob in Blob.objects.order_by("pk").iterator(chunk_size=500):
        found = stored_digest(blob.file.storage, blob.file.name)
        if found != blob.sha256:
            yield Failure(
                "file.missing" if found is None else "file.tampered",
                f"blob {blob.pk} {blob.file.name}",
                blob,
                {"storage_name": blob.file.name, "expected_sha256": blob.sha256, "found_sha256": found},
            )


def snapshot_failures() -> Iterator[Failure]:
    for snapshot in Snapshot.objects.order_by("pk").iterator(chunk_size=50):
        if not snapshot_is_genuine(snapshot):
            yield Failure(
                "assessment_snapshot.tampered",
                f"snapshot {snapshot.pk} (assessment {snapshot.assessment_id})",
                snapshot,
                {"assessment_id": snapshot.assessment_id},
            )


def grant_failures() -> Iterator[Failure]:
    for g in RoleGrant.objects.order_by("pk").iterator(chunk_size=1000):
        if not grant_is_genuine(g.user_id, g.role, g.unit_id, g.region_id, g.seal):
            yield Failure(
                "role_grant.tampered",
                f"role grant {g.pk} (user {g.user_id}, {g.role})",
                g,
                {"user_id": g.user_id, "role": g.role, "unit_id": g.unit_id, "region_id": g.region_id},
            )


def decision_failures() -> Iterator[Failure]:
    decided = AccountabilityCase.objects.exclude(measure="", decision_seal="").order_by("pk")
    for case in decided.iterator(chunk_size=500):
        if not decision_is_genuine(case):
            yield Failure(
                "case_decision.tampered",
                f"accountability case {case.pk} decision",
                case,
                {"case_id": case.pk, "measure": case.measure},
            )


def encrypted_failures() -> Iterator[Failure]:
    """Every encrypted value that does not open: altered, copied from another row or column, written
    around the application, or sealed with a key no longer in the keyring."""
    for model, field in encrypted_fields():
        place = {"table": model._meta.db_table, "column": field.column}
        after = None
        while rows := column_rows(connection, model, field, after=after, batch=1000):
            for pk, row_key, stored in rows:
                try:
                    decrypt(stored, **place, row_key=row_key, pk=pk)
                except EncryptedValueError as exc:
                    yield Failure(
                        "encrypted_value.tampered",
                        f"{place['table']}.{place['column']} row {pk}",
                        model._default_manager.get(pk=pk),
                        {**place, "row": pk, "problem": str(exc)},
                    )
            after = rows[-1][0]


CHECKS = (
    ("files", blob_failures),
    ("snapshots", snapshot_failures),
    ("role grants", grant_failures),
    ("decisions", decision_failures),
    ("encrypted values", encrypted_failures),
)


def integrity_verify(*, alarm: bool = True) -> list[Failure]:
    """Every failure, in the order of ``CHECKS``; each alarmed unless ``alarm`` is False."""
    failures = [failure for _, check in CHECKS for failure in check()]
    if alarm:
        for failure in failures:
            raise_alarm(action=failure.kind, obj=failure.obj, detail={**failure.detail, "found_by": "verify"})
    return failures
