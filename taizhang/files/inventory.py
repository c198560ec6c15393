"""What the file store holds against what the rows name (``taizhang files check``): orphans (stored files
no row names, e.g. after a rolled-back upload or a crash before the rename), missing files (a row names a
file that is not there) and damaged ones (the bytes no longer hash to the digest in their name).

Every ``FileField`` of every installed model is read through the app registry, so an owner app above this
one (plans, circulars …) is covered without being imported. Everything goes through the storage API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models, transaction
from django.utils import timezone

from taizhang.audit.services import audit_record
from taizhang.files.storage import digest_in_name, stored_digest


@dataclass
class Inventory:
    named: int = 0  # distinct names the rows point to
    stored: int = 0  # files in the store
    orphans: list[tuple[str, datetime]] = field(default_factory=list)  # name, last modified
    missing: list[str] = field(default_factory=list)
    damaged: list[tuple[str, str]] = field(default_factory=list)  # name, digest found
    removed: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.missing and not self.damaged


def file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every concrete ``FileField`` of the installed models (``Blob.file``, ``Plan.source_file`` …)."""
    return [
        (model, f)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.FileField)
    ]


def named_files(using: str = "default") -> set[str]:
    """The storage names the rows of database ``using`` point to."""
    names: set[str] = set()
    for model, f in file_fields():
        rows = model._base_manager.using(using).exclude(**{f.attname: ""})
        names.update(n for n in rows.values_list(f.attname, flat=True).distinct() if n)
    return names


def walk(storage: Storage, folder: str = "") -> list[str]:
    """Every file name under ``folder`` of ``storage``, recursively."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    prefix = f"{folder}/" if folder else ""
    names = [prefix + name for name in files]
    for sub in dirs:
        names.extend(walk(storage, prefix + sub))
    return names


def inventory(*, clean: bool = False, older_than: timedelta = timedelta(hours=24)) -> Inventory:
    """Check the store against the rows: every named file re-hashed when its name is a digest. With
    ``clean``, orphans last modified more than ``older_than`` ago are removed (a younger one may be an
    upload whose row is about to be committed), in one ``files.clean`` audit entry."""
    storage = default_storage
    named = named_files()
    stored = walk(storage)
    result = Inventory(named=len(named), stored=len(stored))
    present = set(stored)
    for name in sorted(named):
        if name not in present:
            result.missing.append(name)
        elif (expected := digest_in_name(name)) is not None:
            found = stored_digest(storage, name)
            if found is None:
                result.missing.append(name)
            elif found != expected:
                result.damaged.append((name, found))
    for name in sorted(present - named):
        result.orphans.append((name, storage.get_modified_time(name)))
    if clean:
        cutoff = timezone.now() - older_than
        old = [name for name, modified in result.orphans if modified < cutoff]
        # Asked again just before deleting: a row may have named one since the listing.
        still_orphans = set(old) - named_files()
        for name in old:
            if name in still_orphans:
                storage.delete(name)
                result.removed.append(name)
        if result.removed:
            with transaction.atomic():
                audit_record(
                    actor=None,
                    action="files.clean",
                    obj=None,
                    after={"removed": len(result.removed), "names": result.removed[:1000]},
                )
    return result
