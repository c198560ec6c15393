"""Files in an S3-compatible store (TAIZHANG_STORAGE=s3): blobs by digest and a plan import waiting for its
confirm go into the bucket through the storage API and come back from it; a waiting import is swept after a
day. moto's in-process S3 stands in for MinIO (the two-server drill uses its HTTP server)."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage

from taizhang.files.storage import store_by_digest
from taizhang.plans.views import import_session

BUCKET = "taizhang"
DIGEST = "ab" * 32


@pytest.fixture
def bucket(settings, monkeypatch):
    moto = pytest.importorskip("moto")
    boto3 = pytest.importorskip("boto3")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with moto.mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "file_overwrite": False, "default_acl": None},
            },
        }
        yield s3


def _keys(s3) -> list[str]:
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_a_blob_is_stored_once_under_its_digest_in_the_bucket_and_read_back(bucket):
    first = store_by_digest(io.BytesIO(b"%PDF-1.4 evidence"), folder="evidence")
    again = store_by_digest(io.BytesIO(b"%PDF-1.4 evidence"), folder="evidence")
    assert first == again and _keys(bucket) == [first.name]
    with default_storage.open(first.name, "rb") as f:
        assert f.read() == b"%PDF-1.4 evidence"


def test_an_import_waits_in_the_bucket_until_confirmed_or_discarded(bucket):
    import_session.upload_keep(DIGEST, b"plan text")
    assert _keys(bucket) == [f"import-uploads/{DIGEST}"]
    assert import_session.upload_read(DIGEST) == b"plan text"
    import_session.upload_discard(DIGEST)
    assert _keys(bucket) == [] and import_session.upload_read(DIGEST) is None


def test_an_import_nobody_confirmed_is_swept_on_the_next_upload(bucket, monkeypatch):
    import_session.upload_keep(DIGEST, b"old plan")
    monkeypatch.setattr(import_session, "KEEP_UPLOADS_SECONDS", -60)  # everything kept so far is too old
    import_session.upload_keep("cd" * 32, b"new plan")
    assert _keys(bucket) == [f"import-uploads/{'cd' * 32}"]
