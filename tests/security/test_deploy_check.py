"""`manage.py check --deploy --fail-level WARNING` passes with the production settings the README documents
(the environment block of its "Production" section, read from the README itself: HTTPS behind a
TLS-terminating proxy), and fails on plain HTTP — run as an operator runs it, in a fresh process with only
those variables."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import taizhang

ROOT = Path(taizhang.__file__).resolve().parent.parent
README = ROOT / "README.md"


def documented_environment() -> dict[str, str]:
    """The ``NAME=value`` lines of the first ``sh`` block of the README's "Production" section."""
    section = README.read_text(encoding="utf-8").split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)


def production(tmp_path: Path) -> dict[str, str]:
    """The documented environment, with a key made as the README says and paths under ``tmp_path``."""
    env = documented_environment()
    assert env["TAIZHANG_SECRET_KEY"].startswith("<"), "the README shows a placeholder, never a key"
    env["TAIZHANG_SECRET_KEY"] = secrets.token_urlsafe(50)
    env["TAIZHANG_DATA_DIR"] = str(tmp_path / "data")
    env["TAIZHANG_KEY_FILE"] = str(tmp_path / "keys")
    return env


def check_deploy(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
        "DJANGO_SETTINGS_MODULE": "taizhang.settings",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_settings(tmp_path):
    result = check_deploy(tmp_path, production(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_readme_documents_https_behind_a_proxy():
    env = documented_environment()
    assert env["TAIZHANG_HTTPS"] == "1" and env["TAIZHANG_TRUSTED_PROXIES"]


def test_check_deploy_fails_on_plain_http(tmp_path):
    """Not vacuous: the same settings without TAIZHANG_HTTPS fail on HSTS, the redirect and the cookies."""
    env = production(tmp_path)
    del env["TAIZHANG_HTTPS"]
    result = check_deploy(tmp_path, env)
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr + result.stdout
