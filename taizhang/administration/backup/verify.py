"""``backup_verify``: a backup restored into a scratch place by ``taizhang restore`` in a child process
(a temporary data dir; on PostgreSQL a scratch database), which checks counts, digests and the audit chain
as a real restore does, then the scratch place is removed. The live installation is only read."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from taizhang.administration.backup.manifest import Manifest
from taizhang.administration.backup.restore import backup_check
from taizhang.lib import keys
from taizhang.lib.i18n import said


@dataclass
class Verified:
    ok: bool
    restored: bool  # False: only the digests were checked (no scratch database could be made)
    report: str
    signed: bool = True  # False: made without a keyring, so an edited manifest would go unnoticed


def backup_verify(folder: Path) -> Verified:
    manifest = backup_check(folder)  # refuses a false signature, or parts that do not match their digests
    verified = _verify(folder, manifest)
    verified.signed = manifest.signed
    return verified


def _verify(folder: Path, manifest: Manifest) -> Verified:
    if manifest.vendor == "postgresql" and connection.vendor != "postgresql":
        return Verified(
            ok=True,
            restored=False,
            report=said(
                "摘要已核对；PostgreSQL 备份须在 PostgreSQL 安装上做恢复演练",
                "digests checked; a PostgreSQL backup is restore-checked from an installation on PostgreSQL",
            ),
        )
    with tempfile.TemporaryDirectory(prefix="taizhang-verify-") as scratch:
        env = _scratch_env(Path(scratch))
        database = None
        if manifest.vendor == "postgresql":
            database = f"{connection.settings_dict['NAME']}_verify_{secrets.token_hex(4)}"[:63]
            try:
                _admin(f"CREATE DATABASE {connection.ops.quote_name(database)}")
            except Exception as exc:
                return Verified(
                    ok=True,
                    restored=False,
                    report=said(
                        f"摘要已核对，但无法建临时数据库（需要 CREATEDB 权限），未做恢复演练：{exc}",
                        "digests checked, but no scratch database could be"
                        f" created (needs CREATEDB), so nothing was restored: {exc}",
                    ),
                )
            env["DATABASE_URL"] = _url(database)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "taizhang.cli", "restore", str(folder)]
                + ([] if manifest.signed else ["--allow-unsigned"]),  # the warning is ours to give
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
        finally:
            if database:
                _admin(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(database)} WITH (FORCE)")
    return Verified(ok=done.returncode == 0, restored=True, report=(done.stdout + done.stderr).strip())


def _scratch_env(scratch: Path) -> dict[str, str]:
    # A setting may come as NAME or NAME_FILE (settings.env_raw refuses both): the live database's URL goes
    # in either form; the secret key stays in the form it came, or one is made for the scratch.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_URL_FILE")}
    env.update(DJANGO_SETTINGS_MODULE="taizhang.settings", TAIZHANG_DATA_DIR=str(scratch))
    if "TAIZHANG_SECRET_KEY" not in env and "TAIZHANG_SECRET_KEY_FILE" not in env:
        env["TAIZHANG_SECRET_KEY"] = secrets.token_urlsafe(50)
    if not keys.configured():  # development: the keyring lives in the data dir; the scratch uses this one
        keys.keyring()  # made now if it was never needed
        env[keys.ENV_FILE] = str(Path(settings.DATA_DIR) / keys.DEV_FILE)
    return env


def _admin(sql: str) -> None:
    """CREATE / DROP DATABASE, which cannot run in a transaction."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(sql)


def _url(database: str) -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "", safe="")
    if s["PASSWORD"]:
        auth += ":" + quote(str(s["PASSWORD"]), safe="")
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{quote(database, safe='')}"
