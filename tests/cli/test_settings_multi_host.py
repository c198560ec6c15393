"""Settings for several app servers: TAIZHANG_MULTI_HOST=1 refuses to start on what a host would make for
itself (SQLite, a generated secret key, a development keyring); TAIZHANG_STORAGE=s3 and the pool are read
from their variables; wrong values stop the start with one clear line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from taizhang.settings import s3_storage_options

SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "o = s.STORAGES['default']; d = s.DATABASES['default'];"
    "print(o['BACKEND'], sorted(o.get('OPTIONS', {}).items()), d.get('OPTIONS', {}).get('pool'), "
    "d['CONN_MAX_AGE'], s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
)


def _run(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TAIZHANG_", "DATABASE_URL"))}
    base.update(DJANGO_SETTINGS_MODULE="taizhang.settings", TAIZHANG_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run([sys.executable, "-c", SHOW], env=base, capture_output=True, text=True, timeout=60)


def test_multi_host_without_shared_database_key_and_keyring_refuses_to_start_naming_all_three(tmp_path):
    result = _run(tmp_path, TAIZHANG_MULTI_HOST="1")
    assert result.returncode != 0
    line = result.stderr.strip().splitlines()[-1]
    assert "多台服务器部署缺少共享配置" in line
    for named in ("DATABASE_URL", "TAIZHANG_SECRET_KEY_FILE", "TAIZHANG_KEY_FILE"):
        assert named in line
    assert not (tmp_path / "data" / "secret_key").exists()  # refused before a per-host key was made


def test_multi_host_with_everything_shared_starts_with_s3_pool_and_the_database_cache(tmp_path):
    (tmp_path / "secret").write_text("shared-secret-0123456789\n")
    (tmp_path / "s3secret").write_text("minio-secret\n")
    result = _run(
        tmp_path,
        TAIZHANG_MULTI_HOST="1",
        DATABASE_URL="postgres://taizhang@db.example/taizhang",
        TAIZHANG_SECRET_KEY_FILE=str(tmp_path / "secret"),
        TAIZHANG_KEY_FILE=str(tmp_path / "keys"),
        TAIZHANG_STORAGE="s3",
        TAIZHANG_S3_ENDPOINT_URL="http://minio.example:9000",
        TAIZHANG_S3_BUCKET="taizhang",
        TAIZHANG_S3_ACCESS_KEY="taizhang",
        TAIZHANG_S3_SECRET_KEY_FILE=str(tmp_path / "s3secret"),
        TAIZHANG_S3_VERIFY="0",
        TAIZHANG_DB_POOL_MAX="8",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("storages.backends.s3.S3Storage ")
    for shown in (
        "('addressing_style', 'path')",
        "('bucket_name', 'taizhang')",
        "('endpoint_url', 'http://minio.example:9000')",
        "('file_overwrite', False)",
        "('secret_key', 'minio-secret')",
        "('verify', False)",
        "{'min_size': 2, 'max_size': 8, 'timeout': 10} 0",
        "django.core.cache.backends.db.DatabaseCache django.contrib.sessions.backends.db",
    ):
        assert shown in out


def test_local_disk_and_persistent_connections_stay_the_default(tmp_path):
    result = _run(tmp_path, DATABASE_URL="postgres://taizhang@db.example/taizhang")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("django.core.files.storage.FileSystemStorage [] None 600 ")


def test_an_unknown_storage_stops_the_start_with_one_line(tmp_path):
    unknown = _run(tmp_path, TAIZHANG_STORAGE="nfs")
    assert unknown.returncode != 0 and "TAIZHANG_STORAGE must be local or s3, not 'nfs'" in unknown.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "TAIZHANG_STORAGE=s3 needs TAIZHANG_S3_BUCKET"),
        ({"TAIZHANG_S3_BUCKET": "b", "TAIZHANG_S3_VERIFY": "/no/ca.pem"}, "no CA bundle at /no/ca.pem"),
        ({"TAIZHANG_S3_BUCKET": "b", "TAIZHANG_S3_ADDRESSING_STYLE": "dns"}, "must be path, virtual or auto"),
    ],
)
def test_incomplete_s3_settings_are_refused(monkeypatch, env, message):
    for name in [n for n in os.environ if n.startswith("TAIZHANG_S3_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        s3_storage_options()


def test_a_ca_bundle_is_passed_to_the_client_as_its_path(monkeypatch, tmp_path):
    (tmp_path / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setenv("TAIZHANG_S3_BUCKET", "b")
    monkeypatch.setenv("TAIZHANG_S3_VERIFY", str(tmp_path / "ca.pem"))
    assert s3_storage_options()["verify"] == str(tmp_path / "ca.pem")
