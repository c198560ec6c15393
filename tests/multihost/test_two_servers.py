"""A province on two app servers (the drill of docs/scaling.md): one PostgreSQL (the test database), one
S3-compatible object store, two app servers and two ticks started at once.

The object store is moto's S3 server (``moto[server]``, a real S3 HTTP API in a thread of this process)
standing in for MinIO, which neither Debian nor PyPI ships as a server. The app servers are the production
server, ``taizhang serve`` (gunicorn, one worker of two threads each, to keep the drill light), each with its
own data directory — nothing local is shared — and the shared secret key file and keyring,
TAIZHANG_MULTI_HOST=1.

Checked: a session made on A works on B; evidence uploaded through A (acknowledged with the redirect) is
downloaded through B from the object store; a plan uploaded through A waits in the store and its import is
confirmed through B; neither host keeps a file on its disk; two ticks held at the lease's row until both
wait, then let go together, tell the liaison once, and one of them says the lease was taken."""

from __future__ import annotations

import hashlib
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django.utils import timezone

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="several hosts share one PostgreSQL"),
]
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "台账-test-口令-2021"
PDF = b"%PDF-1.4 evidence uploaded on server A " + uuid.uuid4().hex.encode()
PLAN = (
    "示范省惩治和预防腐败体系建设责任分解意见\n\n一、加强作风建设\n"
    "1. 严格执行中央八项规定精神，持续纠治“四风”。（省纪委牵头，省财政厅配合）\n"
    "2. 完善财政资金监管制度。（省财政厅牵头）\n"
).encode()


def _free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def object_store():
    """An S3 endpoint with the bucket ``taizhang``; yields (endpoint URL, boto3 client)."""
    boto3 = pytest.importorskip("boto3")
    server_module = pytest.importorskip("moto.server")
    port = _free_port()
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    s3 = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="k", aws_secret_access_key="s", region_name="us-east-1"
    )
    s3.create_bucket(Bucket="taizhang")
    yield endpoint, s3
    server.stop()


@pytest.fixture
def shared_env(tmp_path, object_store):
    """What every host gets: the database, the object store, one secret key file, one keyring."""
    from taizhang.lib.keys import keyring

    keyring()  # this process's keyring (development: in its data dir), so both sides seal alike
    key_file = os.environ.get("TAIZHANG_KEY_FILE") or str(Path(settings.DATA_DIR) / "keyring")
    (tmp_path / "secret_key").write_text(uuid.uuid4().hex * 2)
    db = connection.settings_dict
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TAIZHANG_", "DATABASE_URL"))}
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "taizhang.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TAIZHANG_MULTI_HOST": "1",
        "TAIZHANG_SECRET_KEY_FILE": str(tmp_path / "secret_key"),
        "TAIZHANG_KEY_FILE": key_file,
        "TAIZHANG_STORAGE": "s3",
        "TAIZHANG_S3_ENDPOINT_URL": object_store[0],
        "TAIZHANG_S3_BUCKET": "taizhang",
        "TAIZHANG_S3_ACCESS_KEY": "k",
        "TAIZHANG_S3_SECRET_KEY": "s",
        "TAIZHANG_PASSWORD_MAX_AGE_DAYS": "0",
        "TAIZHANG_2FA_REQUIRED_ROLES": "",  # as tests/conftest.py: the office admin signs in with a password
    }


@pytest.fixture
def held_ticks(shared_env, tmp_path, world):
    """Two ticks started at once while a third session holds the lease's row (``FOR UPDATE``), so both
    reach the lease and wait on it; started before the servers, so they boot while the servers are used.
    Yields the holder's connection (commit it to let both go together) and the two processes."""
    from taizhang.jobs.models import Lease

    Lease.objects.get_or_create(name="tick")
    holder = connection.copy()  # a session of its own, as a third host would be
    holder.set_autocommit(False)
    with holder.cursor() as cursor:
        cursor.execute("SELECT 1 FROM jobs_lease WHERE name = 'tick' FOR UPDATE")
    ticks = [
        subprocess.Popen(
            [sys.executable, "-m", "django", "tick"],
            env={**shared_env, "TAIZHANG_DATA_DIR": str(tmp_path / f"tick-{n}")},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    try:
        yield holder, ticks
    finally:
        for proc in ticks:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        holder.rollback()
        holder.close()


@pytest.fixture
def servers(shared_env, tmp_path):
    """Two app servers, A and B, each with a data dir of its own; yields their base URLs."""
    procs, urls = [], []
    for name in ("a", "b"):
        port = _free_port()
        env = {**shared_env, "TAIZHANG_DATA_DIR": str(tmp_path / f"host-{name}")}
        (tmp_path / f"host-{name}" / "static").mkdir(parents=True)  # STATIC_ROOT, or WhiteNoise warns
        log = (tmp_path / f"server-{name}.log").open("w")
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "taizhang.cli",
                    "serve",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "1",
                    "--threads",
                    "2",
                ],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, proc in zip(urls, procs, strict=True):
            _wait_up(url, proc)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


def _wait_up(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the server at {url} exited with {proc.returncode}"
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise AssertionError(f"the server at {url} did not answer within {timeout} s")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's cookies, used against either server."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, url: str, data: bytes | None = None, headers: dict | None = None):
        try:
            with self.opener.open(
                urllib.request.Request(url, data=data, headers=headers or {}), timeout=20
            ) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def sign_in(self, server: str, username: str) -> None:
        _, _, page = self.request(f"{server}{reverse('login')}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = f"csrfmiddlewaretoken={token}&username={username}&password={urllib.parse.quote(PASSWORD)}"
        status, headers, _ = self.request(f"{server}{reverse('login')}", body.encode(), {"Referer": server})
        assert status == 302 and reverse("login") not in headers["Location"], f"{username} not signed in"

    def post(self, url: str, fields: dict, files: dict | None = None):
        data, content_type = _multipart(fields, files or {})
        return self.request(url, data, {"Content-Type": content_type, "X-CSRFToken": self.csrf()})


def _errors(page: bytes) -> list[str]:
    """The messages of a refused form, for the assertion's message."""
    return re.findall(r'class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>', page.decode(), re.S) or [page[-500:]]


def _keys(s3) -> list[str]:
    return [o["Key"] for o in s3.list_objects_v2(Bucket="taizhang").get("Contents", [])]


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    for field, (name, data, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def world():
    from taizhang.accounts.models import Role
    from tests.factories import (
        make_assignment,
        make_rectification,
        make_region,
        make_report,
        make_unit,
        make_user,
    )

    region = make_region(name="示范省")  # a city-level region, as the factory makes them
    unit = make_unit(region=region, name="省财政厅")
    liaison = make_user(unit=unit, role=Role.LIAISON, username="liaison_prov")
    make_unit(region=region, name="省纪委")
    office = make_user(unit=unit, role=Role.OFFICE_ADMIN, region=region, username="office_prov")
    for person in (liaison, office):
        # Hashed as the servers hash (tests use MD5, which production settings do not know).
        person.password = PBKDF2PasswordHasher().encode(PASSWORD, "multihostsalt", iterations=1000)
        person.save(update_fields=["password"])
    report = make_report(assignment=make_assignment(unit=unit))
    item = make_rectification(unit=unit, deadline=timezone.localdate() + timedelta(days=2))
    return liaison, report, item, region


def test_two_servers_share_sessions_files_and_two_ticks_tell_each_person_once(
    held_ticks, servers, object_store, world, tmp_path
):
    from taizhang.notifications.models import Notification
    from taizhang.plans.models import Plan
    from taizhang.reports.models import ReportFile

    a, b = servers
    liaison, report, item, region = world
    person = Browser()

    # Signed in on A; the session works on B.
    person.sign_in(a, "liaison_prov")
    edit = reverse("report_edit", args=[report.assignment_id, report.period_start.isoformat()])
    status, _, _page = person.request(f"{b}{edit}")
    assert status == 200  # not the redirect to the sign-in page an unknown session gets

    # Evidence uploaded through A, acknowledged; downloaded through B, from the object store.
    upload = reverse("evidence_upload", args=[report.pk])
    evidence = {"files": ("省财政厅材料.pdf", PDF, "application/pdf")}
    status, _, answer = person.post(f"{a}{upload}", {}, evidence)
    assert status == 302, answer[:500]
    attachment = ReportFile.objects.get(original_name="省财政厅材料.pdf")
    status, _, downloaded = person.request(f"{b}{reverse('evidence_download', args=[attachment.pk])}")
    assert status == 200 and downloaded == PDF
    assert attachment.blob.file.name in _keys(object_store[1])

    # A plan uploaded through A waits in the object store; its import is confirmed through B.
    office = Browser()
    office.sign_in(a, "office_prov")
    fields = {"level": "city", "period_start": 2024, "period_end": 2028, "report_cadence": "quarter"}
    plan_file = {"file": ("方案.txt", PLAN, "text/plain")}
    status, headers, answer = office.post(
        f"{a}{reverse('plan_import')}", {**fields, "region": region.pk}, plan_file
    )
    assert status == 302 and headers["Location"] == reverse("plan_import_preview"), _errors(answer)
    digest = hashlib.sha256(PLAN).hexdigest()
    assert f"import-uploads/{digest}" in _keys(object_store[1])
    confirm = {**fields, "title": "示范省责任分解意见", "doc_number": "", "sha256": digest}
    status, headers, answer = office.post(f"{b}{reverse('plan_import_preview')}", confirm)
    assert status == 302, _errors(answer)
    plan = Plan.objects.get(title="示范省责任分解意见")
    assert plan.tasks.count() == 2 and plan.source_file.name in _keys(object_store[1])
    assert f"import-uploads/{digest}" not in _keys(object_store[1])
    for host in ("host-a", "host-b"):  # nothing of either kept on a host's disk
        assert not [p for p in (tmp_path / host).rglob("*") if p.is_file()]

    # The two ticks, started with the servers, wait on the lease's row; let go, one runs, one finds it taken.
    holder, ticks = held_ticks
    deadline, waiting = time.monotonic() + 60, 0
    while waiting < 2 and time.monotonic() < deadline:
        # Asked on this test's connection: the holder's transaction sees pg_stat_activity as it first was.
        with connection.cursor() as watch:
            watch.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
                ['%UPDATE "jobs_lease"%'],
            )
            waiting = watch.fetchone()[0]
        time.sleep(0.05)
    holder.commit()
    assert waiting == 2, [proc.communicate(timeout=60) for proc in ticks]
    outputs = [proc.communicate(timeout=60) for proc in ticks]
    assert [proc.returncode for proc in ticks] == [0, 0], outputs
    said = sorted("另一个 tick 正在运行" in out for out, _err in outputs)
    assert said == [False, True], outputs
    ran = next(out for out, _err in outputs if "新建提醒" in out)
    assert "新建提醒 1 条" in ran, outputs
    told = Notification.objects.filter(recipient=liaison, dedup_key__startswith=f"rectification:{item.pk}:")
    assert told.count() == 1
