"""What the backup tests share: a small installation with rows, evidence files, audit entries and a signed
anchor, and a way to run ``taizhang`` as another installation (its own data dir or database)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from taizhang.audit.services import audit_anchor
from taizhang.files.checks import upload_check
from taizhang.files.services import attach
from taizhang.lib import keys
from taizhang.reports.models import ReportFile
from tests.factories import make_report, make_user

ROOT = Path(__file__).resolve().parents[2]
PDFS = [b"%PDF-1.4 minutes of the meeting", b"%PDF-1.4 the signed rectification plan"]


def populate() -> list[ReportFile]:
    """Two reports with evidence (each file stored and audited) and an anchor signing the chain."""
    made = []
    for data in PDFS:
        report = make_report()
        with transaction.atomic():
            made.append(
                attach(
                    ReportFile,
                    upload=upload_check(SimpleUploadedFile("纪要.pdf", data)),
                    actor=make_user(),
                    report=report,
                )
            )
    audit_anchor()
    return made


def backup(dest: Path, *args: str) -> tuple[int, str, str, Path | None]:
    """``taizhang backup DEST …`` in this process: exit code, output, errors, the backup folder."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("backup", str(dest), *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    made = sorted(p for p in dest.iterdir() if p.name.startswith("taizhang-backup-"))
    return code, out.getvalue(), err.getvalue(), made[-1] if made else None


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def other_installation(
    data_dir: Path, *args: str, database_url: str | None = None
) -> subprocess.CompletedProcess:
    """``taizhang ARGS`` as another installation, with this one's keyring (kept apart from backups)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        TAIZHANG_DATA_DIR=str(data_dir), TAIZHANG_KEY_FILE=str(Path(settings.DATA_DIR) / keys.DEV_FILE)
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "taizhang.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
