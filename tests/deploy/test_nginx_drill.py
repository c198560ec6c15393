"""The shipped nginx files, run for real in front of ``taizhang serve`` (what an IT department installs from
docs/deploy.md): Debian's nginx checks them (``nginx -t``), then serves TLS with a throw-away certificate.

Checked through the proxy: plain HTTP answers the health probe and sends everything else to HTTPS; a page
over HTTPS is served with HSTS and Secure cookies (taizhang believes the scheme nginx tells it, so no redirect
loop); a client cannot plant its own address in the audit (nginx overwrites X-Forwarded-For, taizhang believes
it from the proxy only); an upload over ``client_max_body_size`` stops at nginx with 413.

The files are used as shipped except for what the machine decides: ports, the certificate's path, where the
proxy include lives, the upstream's port. nginx and openssl come from scripts/system-deps.sh."""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

import taizhang

ROOT = Path(taizhang.__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "nginx"
HOST = "taizhang.example.gov.cn"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is installed by scripts/system-deps.sh"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _certificate(where: Path) -> tuple[Path, Path]:
    crt, key = where / "fullchain.pem", where / "privkey.pem"
    request = [
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        f"/CN={HOST}",
    ]
    subprocess.run([*request, "-keyout", str(key), "-out", str(crt)], check=True, capture_output=True)
    return crt, key


def _site(text: str, *, upstream: str, http_port: int, https_port: int, crt: Path, key: Path) -> str:
    """A shipped site file with this machine's ports, paths and upstream; anything else stays as shipped."""
    text = re.sub(r"server (?:127\.0\.0\.1|app):8000;", f"server {upstream};", text)
    text = re.sub(r"^\s*listen \[::\]:.*$", "", text, flags=re.M)  # no IPv6 on every test machine
    text = re.sub(r"listen 80;", f"listen 127.0.0.1:{http_port};", text)
    # nginx 1.22 (Debian 12) takes http2 on the listen line; the compose file's image is newer.
    text = text.replace("http2 on;", "")
    text = re.sub(r"listen 443 ssl( http2)?;", f"listen 127.0.0.1:{https_port} ssl http2;", text)
    text = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {crt};", text)
    text = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", text)
    return text.replace("/etc/nginx/taizhang-proxy.conf", str(DEPLOY / "taizhang-proxy.conf"))


def _main_conf(where: Path, site: str) -> Path:
    (where / "site.conf").write_text(site)
    conf = where / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf.write_text(
        f"{user}worker_processes 1;\npid {where}/nginx.pid;\nerror_log {where}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log {where}/access.log;\n"
        + "".join(
            f"  {d}_temp_path {where}/{d};\n" for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {where}/site.conf;\n}}\n"
    )
    return conf


def _nginx(conf: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [NGINX, "-c", str(conf), "-p", str(conf.parent), *args], capture_output=True, text=True
    )


@pytest.mark.parametrize("shipped", ["taizhang.conf", "docker.conf"])
def test_nginx_accepts_the_shipped_site(shipped, tmp_path):
    crt, key = _certificate(tmp_path)
    site = _site(
        (DEPLOY / shipped).read_text(),
        upstream="127.0.0.1:8000",
        http_port=_free_port(),
        https_port=_free_port(),
        crt=crt,
        key=key,
    )
    checked = _nginx(_main_conf(tmp_path, site), "-t")
    assert checked.returncode == 0, checked.stderr


@pytest.fixture(scope="module")
def proxied(django_db_setup, django_db_blocker, tmp_path_factory):
    """``taizhang serve`` on a copy of the test database, HTTPS settings on, behind nginx; yields
    (http URL, https URL, the server's database path)."""
    if connection.vendor != "sqlite":
        pytest.skip("the server runs on its own SQLite copy; the SQLite pass covers it")
    data = tmp_path_factory.mktemp("proxied")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(data / "taizhang.sqlite3")
        connection.connection.backup(target)
        target.close()
    app_port, http_port, https_port = _free_port(), _free_port(), _free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "TAIZHANG_DATA_DIR": str(data),
        "TAIZHANG_SECRET_KEY": "nginx-drill-not-a-secret",
        "TAIZHANG_HTTPS": "1",
        "TAIZHANG_TRUSTED_PROXIES": "127.0.0.1",
        "TAIZHANG_ALLOWED_HOSTS": HOST,
        "TAIZHANG_CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{https_port}",
        "TAIZHANG_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "taizhang.cli", "serve", "--bind", f"127.0.0.1:{app_port}", "--workers", "1"],
        env=env,
        stdout=(data / "serve.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    crt, key = _certificate(data)
    site = _site(
        (DEPLOY / "taizhang.conf").read_text(),
        upstream=f"127.0.0.1:{app_port}",
        http_port=http_port,
        https_port=https_port,
        crt=crt,
        key=key,
    )
    conf = _main_conf(data, site)
    started = _nginx(conf)
    assert started.returncode == 0, started.stderr
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (data / "serve.log").read_text()
            try:
                if _get(f"http://127.0.0.1:{http_port}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, (data / "serve.log").read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{http_port}", f"https://127.0.0.1:{https_port}", data / "taizhang.sqlite3"
    finally:
        _nginx(conf, "-s", "stop")
        server.terminate()
        server.wait(timeout=15)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_TLS = ssl.create_default_context()
_TLS.check_hostname, _TLS.verify_mode = False, ssl.CERT_NONE  # the drill's own throw-away certificate


def _get(url: str, *, data: bytes | None = None, headers: dict | None = None, jar=None):
    """(status, headers, body) with the site's Host, not following redirects."""
    handlers = [_NoRedirect, urllib.request.HTTPSHandler(context=_TLS)]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(url, data=data, headers={"Host": HOST, **(headers or {})})
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=15) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_plain_http_answers_the_probe_and_moves_everything_else_to_https(proxied):
    http, _https, _db = proxied
    assert _get(f"{http}/healthz")[0] == 200
    status, headers, _body = _get(f"{http}/login/")
    assert status == 301 and headers["Location"] == f"https://{HOST}/login/"


def test_a_page_over_https_has_hsts_and_secure_cookies_and_no_redirect_loop(proxied):
    _http, https, _db = proxied
    status, headers, body = _get(f"{https}/login/")
    assert status == 200, body[:500]
    assert "max-age=" in headers["Strict-Transport-Security"]
    cookies = headers.get_all("Set-Cookie")
    assert cookies and all("Secure" in c for c in cookies), cookies
    assert headers["Content-Security-Policy"]


def test_a_client_cannot_plant_its_address_in_the_audit(proxied):
    _http, https, db = proxied
    jar = http.cookiejar.CookieJar()
    _status, _headers, page = _get(f"{https}/login/", jar=jar)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "nobody-drill", "password": "wrong-password-1"}
    ).encode()
    status, _headers, _body = _get(
        f"{https}/login/",
        data=form,
        jar=jar,
        headers={
            "Referer": f"https://{HOST}:{https.rsplit(':', 1)[1]}/login/",
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Forwarded-For": "203.0.113.9",
        },
    )
    assert status == 200  # the form again, with the one generic message
    with sqlite3.connect(db) as read:
        ips = [
            ip for (ip,) in read.execute("SELECT ip FROM audit_auditevent WHERE action = 'auth.login_failed'")
        ]
    assert ips == ["127.0.0.1"], ips  # the peer nginx saw, not the address the client wrote


def test_an_oversized_upload_stops_at_nginx(proxied):
    _http, https, _db = proxied
    size = 101 * 1024 * 1024  # client_max_body_size 100m
    status, _headers, _body = _get(
        f"{https}/login/", data=b"x" * size, headers={"Content-Type": "application/octet-stream"}
    )
    assert status == 413
