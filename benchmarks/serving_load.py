"""Inside one database (Django set up by ``bench_serving``): build the world, then start each server and
drive it with the mix at each level of concurrency. The clients are threads of this process, each with one
kept-alive ``http.client`` connection; the server runs in processes of its own, whose CPU time and memory
are read from /proc."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.core.management import call_command
from django.db import connections
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from benchmarks import province
from benchmarks.bench_serving import SCALE
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.ledger.models import Assignment
from taizhang.reports.models import ProgressReport
from taizhang.reports.periods import period_for

PASSWORD = "Bench-serving-2024"
HOST = "localhost"
SUBMITTERS = 40  # the busiest units whose liaisons send this month's reports
CLK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Person:
    username: str
    cookie: str = ""  # "sessionid=…; csrftoken=…"
    csrf: str = ""  # the form token


@dataclass
class World:
    office: Person
    leader: Person
    liaison: Person
    submitters: dict[int, Person]  # unit id -> its liaison
    pages: list[tuple[str, Person, str]]  # (name, who, GET path)
    lines: queue.SimpleQueue  # (unit id, assignment id) not yet reported this month
    period_start: str
    report_form_path: str  # a GET of this month's form, for the CSRF token


def run(*, label: str, seconds: float, clients: list[int], servers: list[str], results: Path) -> None:
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    ds = province.generate(scale=SCALE)
    world = _world(ds)
    connections.close_all()
    print(f"{label}: world built in {time.perf_counter() - started:.0f} s; {world.lines.qsize()} lines to "
          f"report on; the mix: {', '.join(name for name, _, _ in world.pages)}, report submit (POST)",
          flush=True)  # fmt: skip
    runs = []
    for server in servers:
        try:
            runs.append(_serve_and_drive(label, server, world, seconds, clients))
        except Exception as exc:  # reported; the next server still runs
            print(f"  {label} {server}: FAILED {exc}", flush=True)
            runs.append({"server": server, "failed": str(exc)[:300]})
    results.write_text(json.dumps({"label": label, "runs": runs}))


# ---- the world ----


def _world(ds: province.Dataset) -> World:
    def person(user_id: int) -> Person:
        user = User.objects.get(pk=user_id)
        _ready(user)
        return Person(user.username)

    current = ds.current_period.start
    reported = ProgressReport.objects.filter(assignment=OuterRef("pk"), period_start=current)
    open_lines = Assignment.objects.filter(task__plan__region_id=_region_of(ds.busy_liaison_id)).exclude(
        Exists(reported)
    )
    busiest = [
        row["unit_id"]
        for row in open_lines.values("unit_id").annotate(n=Count("id")).order_by("-n", "unit_id")[:SUBMITTERS]
    ]
    submitters = {}
    for grant in RoleGrant.objects.filter(role=Role.LIAISON, unit_id__in=busiest).select_related("user"):
        _ready(grant.user)
        submitters[grant.unit_id] = Person(grant.user.username)
    lines: queue.SimpleQueue = queue.SimpleQueue()
    for item in open_lines.filter(unit_id__in=busiest).order_by("id").values_list("unit_id", "id"):
        lines.put(item)
    liaison = person(ds.busy_liaison_id)
    line = ds.api_assignment_ids[0]
    last_month = period_for(current - timedelta(days=1), province.MONTH).start
    pages = [
        ("plan ledger", person(ds.office_admin_id), f"/plans/{ds.big_plan[0]}/ledger/"),
        ("dashboard", person(ds.leader_id), f"/plans/{ds.big_plan[0]}/dashboard/"),
        ("my tasks", liaison, "/tasks/"),
        ("report list", liaison, f"/assignments/{line}/reports/"),
        ("report detail", liaison, f"/assignments/{line}/reports/{last_month.isoformat()}/"),
    ]
    return World(
        office=pages[0][1],
        leader=pages[1][1],
        liaison=liaison,
        submitters=submitters,
        pages=pages,
        lines=lines,
        period_start=current.isoformat(),
        report_form_path=f"/assignments/{line}/reports/{current.isoformat()}/",
    )


def _region_of(user_id: int) -> int:
    return User.objects.get(pk=user_id).unit.region_id


def _ready(user: User) -> None:
    """A password the client can type, not expired and not to be changed first."""
    user.set_password(PASSWORD)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])


# ---- the servers ----


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(server: str, port: int) -> tuple[subprocess.Popen, str]:
    bind = f"127.0.0.1:{port}"
    if server == "runserver":
        command = ["-m", "django", "runserver", bind, "--noreload", "--skip-checks"]
        name = "runserver (threaded)"
    else:
        workers_threads = server.partition(":")[2]
        command = [
            "-c",
            "import sys; from taizhang.cli import main; sys.exit(main())",
            "serve",
            "--bind",
            bind,
        ]
        if workers_threads:
            w, _, t = workers_threads.partition("x")
            command += ["--workers", w, "--threads", t or "1"]
        name = ""
    proc = subprocess.Popen(
        [sys.executable, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # the banner arrives before the first request
        start_new_session=True,
    )
    threading.Thread(target=_drain, args=(proc,), daemon=True).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{server} exited with {proc.returncode}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            status, _, _ = _request(probe, "GET", "/healthz")
            if status == 200:
                break
        except OSError:
            pass
        time.sleep(0.2)
    else:
        _stop(proc)
        raise RuntimeError(f"{server} did not answer /healthz within 60 s")
    if not name:  # its banner: "taizhang serve: 127.0.0.1:… — 5 进程 workers × 1 线程 threads (sync)"
        found = re.search(r"(\d+) 进程 workers × (\d+) 线程 threads \((\w+)\)", _BANNERS.get(proc.pid, ""))
        name = f"serve {found.group(1)}×{found.group(2)} {found.group(3)}" if found else "serve"
    return proc, name


_BANNERS: dict[int, str] = {}


def _drain(proc: subprocess.Popen) -> None:
    """Read the server's output (its access log) so its pipe never fills; keep only error lines."""
    for line in proc.stdout:
        if line.startswith("taizhang serve:"):
            _BANNERS[proc.pid] = line
        if "Traceback" in line or "[ERROR]" in line or "CRITICAL" in line:
            print(f"    server: {line.rstrip()[:200]}", flush=True)


def _stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=35)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK


def _memory(pids: list[int]) -> dict:
    rss, pss = [], []
    for pid in pids:
        try:
            rss.append(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 2**20)
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            pss.append(int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) / 1024)
        except (OSError, AttributeError):
            continue
    return {
        "rss_mb": [round(r) for r in rss],
        "rss_max_mb": max(rss, default=0.0),
        "pss_max_mb": max(pss, default=0.0),
    }


# ---- the clients ----


def _request(conn: http.client.HTTPConnection, method: str, path: str, *, cookie: str = "", body: str = ""):
    headers = {"Host": HOST, "Cookie": cookie} if cookie else {"Host": HOST}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    return response.status, response.headers, data


def _cookies(headers, jar: dict[str, str]) -> None:
    for value in headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]


def _sign_in(port: int, person: Person, form_path: str | None) -> None:
    """Through the login form, as a browser does; then the CSRF token of a page with a form."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    jar: dict[str, str] = {}
    status, headers, body = _request(conn, "GET", "/login/")
    _cookies(headers, jar)
    token = CSRF_INPUT.search(body).group(1).decode()
    form = urlencode({"csrfmiddlewaretoken": token, "username": person.username, "password": PASSWORD})
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    status, headers, body = _request(conn, "POST", "/login/", cookie=cookie, body=form)
    _cookies(headers, jar)
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"sign-in of {person.username} answered {status}")
    person.cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    if form_path:
        status, headers, body = _request(conn, "GET", form_path, cookie=person.cookie)
        _cookies(headers, jar)
        match = CSRF_INPUT.search(body)
        if status != 200 or not match:
            raise RuntimeError(f"{form_path} answered {status} without a form for {person.username}")
        person.csrf = match.group(1).decode()
        person.cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    conn.close()


def _sign_in_all(port: int, world: World) -> None:
    for person in {id(p): p for _, p, _ in world.pages}.values():
        if not person.cookie:
            _sign_in(port, person, None)
    for unit_id, person in world.submitters.items():
        if not person.csrf:
            line = _peek_line(world, unit_id)
            _sign_in(port, person, f"/assignments/{line}/reports/{world.period_start}/" if line else None)


def _peek_line(world: World, unit_id: int) -> int | None:
    held, found = [], None
    while not world.lines.empty():
        item = world.lines.get()
        held.append(item)
        if item[0] == unit_id:
            found = item[1]
            break
    for item in held:
        world.lines.put(item)
    return found


class _Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def add(self, name: str, ms: float, error: str = "") -> None:
        with self.lock:
            self.times.setdefault(name, []).append(ms)
            if error:
                self.errors.append(error)


def _client(port: int, world: World, start: int, deadline: float, tally: _Tally) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    steps = len(world.pages) + 1
    i = start
    while time.perf_counter() < deadline:
        step = i % steps
        i += 1
        if step < len(world.pages):
            name, person, path = world.pages[step]
            method, cookie, body, expected = "GET", person.cookie, "", 200
        else:
            try:
                unit_id, line = world.lines.get_nowait()
            except queue.Empty:
                continue  # every line is reported: the mix goes on without submissions
            person = world.submitters[unit_id]
            name, method, cookie, expected = "report submit", "POST", person.cookie, 302
            path = f"/assignments/{line}/reports/{world.period_start}/"
            body = urlencode(
                {
                    "csrfmiddlewaretoken": person.csrf,
                    "status": "in_progress",
                    "narrative": "已召开专题会议研究部署，制定工作方案并按月推进，相关制度已印发执行。",
                    "action": "submit",
                    "confirmed": "1",  # as from the confirmation page (报送 asks first)
                }
            )
        began = time.perf_counter()
        try:
            status, _, _ = _request(conn, method, path, cookie=cookie, body=body)
            error = "" if status == expected else f"{method} {path} answered {status}"
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            error = f"{method} {path}: {type(exc).__name__}"
        tally.add(name, (time.perf_counter() - began) * 1000, error)
    conn.close()


def _level(port: int, world: World, clients: int, seconds: float, pids: list[int]) -> dict:
    tally = _Tally()
    cpu_before, load, client_before = _cpu_seconds(pids), os.getloadavg()[0], time.process_time()
    began = time.perf_counter()
    deadline = began + seconds
    threads = [
        threading.Thread(target=_client, args=(port, world, n, deadline, tally)) for n in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    cpu = _cpu_seconds(pids) - cpu_before
    client_cpu = time.process_time() - client_before
    every = [ms for times in tally.times.values() for ms in times]
    return {
        "clients": clients,
        "requests": len(every),
        "rps": len(every) / wall,
        "cpu_ms": cpu * 1000 / max(len(every), 1),
        "client_cpu_ms": client_cpu * 1000 / max(len(every), 1),  # the load generator's own share
        "errors": len(tally.errors),
        "first_error": tally.errors[0] if tally.errors else "",
        "overall": _percentiles(every),
        "pages": {name: _percentiles(times) for name, times in tally.times.items()},
        "load": max(load, os.getloadavg()[0]),
    }


def _percentiles(times: list[float]) -> dict:
    if len(times) < 2:
        only = times[0] if times else 0.0
        return {"n": len(times), "p50": only, "p95": only, "p99": only}
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"n": len(times), "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def _serve_and_drive(label: str, server: str, world: World, seconds: float, clients: list[int]) -> dict:
    port = _free_port()
    proc, name = _start(server, port)
    try:
        _sign_in_all(port, world)
        pids = [proc.pid, *_children(proc.pid)]
        workers = _children(proc.pid) or [proc.pid]
        # Warm-up: every worker compiles its templates and fills its caches before the timing.
        _level(port, world, 4, 2.0, pids)
        levels = []
        for n in clients:
            pids = [proc.pid, *_children(proc.pid)]  # a worker replaced after max_requests is counted too
            level = _level(port, world, n, seconds, pids)
            levels.append(level)
            pages = "  ".join(
                f"{page} {p['p50']:.0f}/{p['p95']:.0f}/{p['p99']:.0f} ({p['n']})"
                for page, p in level["pages"].items()
            )
            print(
                f"  {label} {name}, {n} clients: {level['rps']:.1f} req/s, p50/p95/p99 "
                f"{level['overall']['p50']:.0f}/{level['overall']['p95']:.0f}/{level['overall']['p99']:.0f}"
                f" ms, CPU {level['cpu_ms']:.1f} ms/req (clients {level['client_cpu_ms']:.1f}), "
                f"{level['errors']} errors"
                f"{' (' + level['first_error'] + ')' if level['errors'] else ''}, load {level['load']:.1f}\n"
                f"    per page p50/p95/p99 ms (requests): {pages}",
                flush=True,
            )
        memory = _memory(_children(proc.pid) or workers)
        print(
            f"  {label} {name}: worker RSS after the load {memory['rss_mb']} MB, PSS max "
            f"{memory['pss_max_mb']:.0f} MB",
            flush=True,
        )
        return {"server": name, "levels": levels, "memory": memory}
    finally:
        _stop(proc)
