"""Keeping the initial passwords between the import (a background job) and their one download.

The job seals them on its result with the keyring's current key (``lib.fields.encrypt``: SM4-GCM, as every
encrypted column), bound to the job's row, so a copy of the database alone reads none of them and a sealed
list moved to another job fails its tag. The download (``onboarding.job.onboarding_passwords_take``) takes
them off the job, so it works once. Why the keyring and not a key only the browser holds: docs/decisions.md,
"人员导入 in the background"."""

from __future__ import annotations

import json
import uuid

from taizhang.administration.onboarding.passwords import Handover
from taizhang.lib.fields import EncryptedValueError, decrypt, encrypt

TABLE, COLUMN = "background_job", "result.passwords"


def _place(job_pk: int) -> dict:
    return {"table": TABLE, "column": COLUMN, "row_key": uuid.UUID(int=job_pk)}


def seal(handovers: list[Handover], *, job_pk: int) -> str:
    plain = json.dumps([[h.unit, h.name, h.username, h.password] for h in handovers], ensure_ascii=False)
    return encrypt(plain, **_place(job_pk))


def unseal(sealed: str, *, job_pk: int) -> list[Handover] | None:
    """The passwords, or None when the sealed text is altered, of another job, or its key was retired."""
    try:
        plain = decrypt(sealed, **_place(job_pk), pk=job_pk)
    except EncryptedValueError:
        return None
    return [Handover(*row) for row in json.loads(plain)]
