"""The files in deploy/ agree with the code: every variable the settings read is documented in the
environment file and nothing else is; the compose file sets only real variables and wires its secrets,
proxy address and data volume as the settings expect; nginx lets the largest upload through and waits
longer than the server; systemd starts the checked server where nginx looks for it. No Docker daemon here:
the compose file is read as YAML."""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path
from unittest import mock

import dj_database_url
import pytest
import yaml

import taizhang
from taizhang.administration.server import TIMEOUT
from taizhang.docparse.decode import MAX_BYTES as PLAN_MAX_BYTES
from taizhang.lib.keys import ENV, ENV_FILE, parse_keyring

ROOT = Path(taizhang.__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
ENV_EXAMPLE = DEPLOY / "taizhang.env"


class _Recording(dict):
    """An environment that remembers every name asked for."""

    def __init__(self, *args):
        super().__init__(*args)
        self.asked: set[str] = set()

    def get(self, name, default=None):
        self.asked.add(name)
        return super().get(name, default)


# The variables read only when another says so: HTTPS on, the files in S3, a replica beside PostgreSQL.
CONDITIONS = (
    {"TAIZHANG_HTTPS": "1"},
    {"TAIZHANG_STORAGE": "s3", "TAIZHANG_S3_BUCKET": "taizhang"},
    {"DATABASE_URL": "postgres://u@127.0.0.1/db", "TAIZHANG_REPLICA_URL": "postgres://u@127.0.0.2/db"},
)


def settings_variables() -> set[str]:
    """Every variable the settings module reads (``NAME_FILE`` folded into ``NAME``), and the keyring's;
    read once under each of the CONDITIONS, so that the variables read only then are asked for too."""
    asked: set[str] = set()
    # Without the caller's DATABASE_URL (the PostgreSQL pass sets one), so the SQLite settings are read too.
    base = {name: value for name, value in os.environ.items() if name != "DATABASE_URL"}
    for condition in CONDITIONS:
        environ = _Recording({**base, **condition})
        with mock.patch.object(os, "environ", environ):
            runpy.run_path(str(ROOT / "taizhang" / "settings.py"))
        asked |= environ.asked
    names = {name for name in asked if not name.endswith("_FILE")}
    return (names - {"DJANGO_SETTINGS_MODULE"}) | {ENV}


def documented(text: str) -> dict[str, str]:
    """``NAME=value`` of the environment file, commented out (a default) or not."""
    return dict(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=(.*)$", text, flags=re.M))


@pytest.fixture(scope="module")
def variables():
    return settings_variables()


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))


def test_the_reading_finds_the_settings_variables(variables):
    assert {
        "TAIZHANG_SECRET_KEY",
        "DATABASE_URL",
        "TAIZHANG_ALERT_REPORT_MISSING",
        "TAIZHANG_KEY",
    } <= variables


def test_the_environment_file_documents_every_variable_and_no_other(variables):
    names = {name.removesuffix("_FILE") for name in documented(ENV_EXAMPLE.read_text(encoding="utf-8"))}
    assert variables - names == set(), "document these in deploy/taizhang.env"
    assert names - variables == set(), "deploy/taizhang.env names variables nothing reads"


def test_the_environment_file_sets_what_the_readme_documents_for_production():
    from tests.security.test_deploy_check import documented_environment

    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    required = dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", text, flags=re.M))
    readme = documented_environment()
    assert required.keys() == readme.keys()
    for name, value in required.items():
        assert name == "TAIZHANG_SECRET_KEY" or readme[name] == value, name


def test_compose_has_the_app_its_database_the_tick_the_worker_and_nginx(compose):
    assert set(compose["services"]) == {"app", "db", "tick", "worker", "nginx"}
    assert compose["services"]["worker"]["command"] == ["taizhang", "worker"]
    assert compose["services"]["tick"]["command"][-1].count("taizhang tick") == 1


def test_compose_sets_only_variables_the_settings_read(compose, variables):
    for service in ("app", "tick", "worker"):
        env = compose["services"][service]["environment"]
        for name in env:
            base = name.removesuffix("_FILE")
            assert base in variables, f"{service}: {name} is read by nothing"
        assert env[f"{ENV_FILE}"].startswith("/run/secrets/")
        assert "TAIZHANG_SECRET_KEY" not in env and "DATABASE_URL" not in env, "secrets come from files"


def test_compose_wires_secrets_proxy_and_data_as_the_settings_expect(compose):
    app = compose["services"]["app"]
    env = app["environment"]
    for name in ("TAIZHANG_SECRET_KEY_FILE", "TAIZHANG_KEY_FILE", "DATABASE_URL_FILE"):
        assert env[name].removeprefix("/run/secrets/") in app["secrets"]
    for service in compose["services"].values():
        assert set(service.get("secrets", [])) <= set(compose["secrets"])
    nginx_address = compose["services"]["nginx"]["networks"]["taizhang"]["ipv4_address"]
    assert env["TAIZHANG_TRUSTED_PROXIES"] == nginx_address
    assert f"data:{env['TAIZHANG_DATA_DIR']}" in app["volumes"]
    assert env["TAIZHANG_STATIC_COLLECTED"] == "1" and env["TAIZHANG_HTTPS"] == "1"
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "collectstatic" in dockerfile and "serve --check --bind 0.0.0.0:8000" in dockerfile
    assert "server app:8000;" in (DEPLOY / "nginx" / "docker.conf").read_text(encoding="utf-8")


@pytest.mark.parametrize("site", ["taizhang.conf", "docker.conf"])
def test_nginx_lets_the_largest_upload_through_and_waits_longer_than_the_server(site):
    text = (DEPLOY / "nginx" / site).read_text(encoding="utf-8")
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", text)[1])
    assert megabytes * 2**20 > max(20 * 2**20, PLAN_MAX_BYTES)  # TAIZHANG_EVIDENCE_MAX_BYTES's default
    assert "include /etc/nginx/taizhang-proxy.conf;" in text
    proxy = (DEPLOY / "nginx" / "taizhang-proxy.conf").read_text(encoding="utf-8")
    assert int(re.search(r"proxy_read_timeout (\d+)s;", proxy)[1]) > TIMEOUT
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in proxy
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy


def test_systemd_starts_the_checked_server_where_nginx_looks_for_it():
    service = (DEPLOY / "systemd" / "taizhang.service").read_text(encoding="utf-8")
    assert "taizhang serve --check --bind 127.0.0.1:8000" in service
    assert "server 127.0.0.1:8000;" in (DEPLOY / "nginx" / "taizhang.conf").read_text(encoding="utf-8")
    data_dir = documented(ENV_EXAMPLE.read_text(encoding="utf-8"))["TAIZHANG_DATA_DIR"]
    for unit in ("taizhang.service", "taizhang-worker.service", "taizhang-tick.service"):
        text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
        assert "User=taizhang" in text and "EnvironmentFile=/etc/taizhang/env" in text
        assert f"ReadWritePaths={data_dir}" in text
    timer = (DEPLOY / "systemd" / "taizhang-tick.timer").read_text(encoding="utf-8")
    assert "OnCalendar=*:0/15" in timer and "Persistent=true" in timer


@pytest.mark.skipif(shutil.which("openssl") is None, reason="make-secrets.sh needs openssl")
def test_make_secrets_makes_what_the_settings_accept(tmp_path):
    shutil.copy(DEPLOY / "make-secrets.sh", tmp_path)
    subprocess.run(["sh", str(tmp_path / "make-secrets.sh")], check=True, capture_output=True, timeout=30)
    secrets = tmp_path / "secrets"
    assert parse_keyring((secrets / "keyring").read_text()).current.kid == "k1"
    assert len((secrets / "secret_key").read_text()) >= 50
    url = dj_database_url.parse((secrets / "database_url").read_text())
    assert url["HOST"] == "db" and url["PASSWORD"] == (secrets / "db_password").read_text().strip()
    assert (secrets.stat().st_mode & 0o777) == 0o700
    again = subprocess.run(["sh", str(tmp_path / "make-secrets.sh")], capture_output=True, text=True)
    assert "exists, kept" in again.stdout
