"""Attaching a checked upload to its owner."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model

from taizhang.audit.services import audit_record, snapshot
from taizhang.files.checks import CheckedUpload
from taizhang.files.models import Attachment
from taizhang.files.storage import blob_store

A = TypeVar("A", bound=Attachment)


def attach(table: type[A], *, upload: CheckedUpload, actor: AbstractBaseUser, **owner: Model) -> A:
    """Store the checked file (once per content) and add a row of the owner's ``table`` for it, e.g.
    ``attach(ReportFile, upload=…, actor=…, report=report)``, with its ``evidence.add`` audit entry.

    Call it inside the owner's transaction, after the owner's rules are checked again under its row lock:
    who may add files, and while which state, stays with the owner's service."""
    blob = blob_store(upload.upload, content_type=upload.content_type)
    attachment = table.objects.create(
        blob=blob,
        original_name=upload.name,
        content_type=upload.content_type,
        uploaded_by=actor,
        **owner,
    )
    audit_record(actor=actor, action="evidence.add", obj=attachment, after=snapshot(attachment))
    return attachment
