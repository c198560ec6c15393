"""Files written safely (issue 12 item 4): a crash while writing leaves no truncated file under a digest
name that a later upload would reuse; a damaged stored file is rewritten from the next upload of the same
content, never reused; the digest is checked before the row is written."""

import hashlib
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage

from taizhang.files.models import Blob
from taizhang.files.storage import TEMP_PREFIX, blob_store, store_by_digest
from taizhang.lib.refusal import Refusal
from tests.worlds import media_root  # noqa: F401

PDF = b"%PDF-1.4\n" + b"evidence " * 2000 + b"\n%%EOF\n"
DIGEST = hashlib.sha256(PDF).hexdigest()
NAME = f"evidence/{DIGEST[:2]}/{DIGEST}"


def _crash_left(media_root, data: bytes):  # noqa: F811
    """What the old code left after a crash mid-write: the digest name holding part of the bytes."""
    path = media_root / NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.django_db
def test_an_upload_after_a_crash_mid_write_repairs_the_truncated_file(media_root):  # noqa: F811
    path = _crash_left(media_root, PDF[:1000])
    blob = blob_store(ContentFile(PDF), content_type="application/pdf")
    assert path.read_bytes() == PDF
    assert (blob.sha256, blob.file.name) == (DIGEST, NAME)


@pytest.mark.django_db
def test_a_damaged_stored_file_is_rewritten_not_reused(media_root):  # noqa: F811
    path = _crash_left(media_root, PDF.replace(b"evidence", b"EVIDENCE", 1))
    store_by_digest(ContentFile(PDF), folder="evidence")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == DIGEST


def test_a_sound_stored_file_is_reused_and_made_young_again(media_root):  # noqa: F811
    path = _crash_left(media_root, PDF)
    inode = path.stat().st_ino
    os.utime(path, (1_000_000_000, 1_000_000_000))
    store_by_digest(ContentFile(PDF), folder="evidence")
    assert path.stat().st_ino == inode  # not rewritten
    assert path.stat().st_mtime > 1_000_000_000  # not taken for an old orphan by files check --clean


def test_the_write_leaves_no_temporary_file_and_owner_only_modes(media_root):  # noqa: F811
    store_by_digest(ContentFile(PDF), folder="evidence")
    files = [p for p in media_root.rglob("*") if p.is_file()]
    assert [p.name for p in files] == [DIGEST]
    assert not any(p.name.startswith(TEMP_PREFIX) for p in media_root.rglob("*"))
    assert files[0].stat().st_mode & 0o777 == 0o600


def test_a_crash_before_the_rename_leaves_only_a_temporary_name(media_root, monkeypatch):  # noqa: F811
    def crash(src, dst):
        raise KeyboardInterrupt  # the process dies between the write and the rename

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        store_by_digest(ContentFile(PDF), folder="evidence")
    assert not (media_root / NAME).exists()  # nothing under the digest name to be trusted later


class _Corrupting(InMemoryStorage):
    """An object store that keeps only half of what it is given (a failing remote storage)."""

    def _save(self, name, content):
        return super()._save(name, ContentFile(content.read()[: len(PDF) // 2]))


@pytest.mark.django_db
def test_a_store_that_loses_bytes_refuses_and_no_row_names_the_file():
    storage = _Corrupting()
    with pytest.raises(Refusal) as refused:
        store_by_digest(ContentFile(PDF), folder="evidence", storage=storage)
    assert refused.value.code == "store_failed"
    assert not Blob.objects.exists()


def test_other_storages_reuse_only_a_sound_copy():
    storage = InMemoryStorage()
    storage.save(NAME, ContentFile(PDF[:10]))
    store_by_digest(ContentFile(PDF), folder="evidence", storage=storage)
    assert storage.open(NAME).read() == PDF
    assert storage.listdir(f"evidence/{DIGEST[:2]}")[1] == [DIGEST]
