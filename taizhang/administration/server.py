"""The production server behind ``taizhang serve``: gunicorn, run in this process
(``gunicorn.app.base.BaseApplication``) rather than by exec of the ``gunicorn`` binary, so the settings
are read once, the options are checked here with our messages, and there is no second configuration file
to keep in step.

What it does, and why:

- ``sync`` workers by default, 2 × cores + 1 of them (gunicorn's own advice behind a buffering proxy): a
  sync worker takes a connection from the listening socket only when it is free, answers it and closes
  it, so waiting requests queue in the kernel's accept queue, first come first served, and go to whichever
  worker frees first. ``gthread`` workers (``--threads N`` above 1, ``GracefulThreadWorker``) accept
  connections while their threads are busy and keep the kept-alive ones they accepted, so a client that
  landed on a busy worker waits behind its queue while another worker is idle: at 50 simultaneous clients
  the slowest answers took 4 times the median (``docs/decisions.md``, issue 12 item 9). A sync worker
  needs nginx in front (``deploy/nginx``), which reads slow clients' requests and answers for it; served
  directly to browsers, choose threads.
- the application is loaded once, before the workers fork (``preload_app``), with its start-up objects
  frozen (``lib.startup.ready_to_serve``), so the workers share them and start in milliseconds. ``kill -HUP``
  replaces the workers one generation at a time, finishing the requests in flight (gunicorn's own graceful
  reload); new *code* needs a restart (``systemctl restart taizhang``), as after ``taizhang upgrade``.
- ``max_requests`` with jitter: a worker is replaced after some 2,000 requests, so memory cannot grow
  without bound, and not all at once.
- the access log goes to stdout (journald or ``docker logs``), one line per request with its time in
  milliseconds, the client address from the trusted proxy and the path *without* its query string (search
  terms stay out of the log). Successful /healthz and /readyz probes are left out: a monitor asking every
  few seconds would bury the requests people make. A failed probe is logged.
- gunicorn believes no proxy header itself (``secure_scheme_headers`` empty): whether a request came over
  HTTPS, and from which client, is Django's decision (``TAIZHANG_TRUSTED_PROXIES``, ``lib.client_ip``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connections
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger
from gunicorn.workers.gthread import ThreadWorker
from gunicorn.workers.sync import SyncWorker

from taizhang.lib.startup import ready_to_serve

ACCESS_LOG_FORMAT = '%(t)s %({x-forwarded-for}i)s %(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
QUIET_PATHS = ("/healthz", "/readyz")
TIMEOUT = 120  # seconds: the largest exports and an assessment of 150 units; nginx waits a little longer
GRACEFUL_TIMEOUT = 30
MAX_REQUESTS = 2000
MAX_REQUESTS_JITTER = 200
THREADS = 1  # sync workers; above 1, gthread workers of that many threads
MAX_WORKERS = 8  # ~100 MB each (half of it shared); and more SQLite writers only queue


def cores() -> int:
    """The cores this process may run on (a container's or a systemd ``CPUAffinity`` limit included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_workers(n_cores: int, threads: int = THREADS) -> int:
    """Sync workers (``threads`` 1): two per core and one more, so the cores stay busy while some wait on
    the database or the disk; threaded workers: one per core and one more, their threads doing the waiting.
    At least 2 (a reload or a slow request never leaves the site without a free process), at most
    ``MAX_WORKERS``."""
    wanted = 2 * n_cores + 1 if threads == 1 else n_cores + 1
    return max(2, min(wanted, MAX_WORKERS))


@dataclass(frozen=True)
class ServeOptions:
    binds: tuple[str, ...]
    workers: int
    threads: int
    timeout: int = TIMEOUT


def serve_options(*, binds: list[str] | None, workers: int | None, threads: int | None, timeout: int | None):
    """The options given, else ``TAIZHANG_WORKERS`` / ``TAIZHANG_THREADS``, else sync workers from the
    cores."""
    threads = threads or settings.TAIZHANG_THREADS or THREADS
    return ServeOptions(
        binds=tuple(binds or ["127.0.0.1:8000"]),
        workers=workers or settings.TAIZHANG_WORKERS or default_workers(cores(), threads),
        threads=threads,
        timeout=timeout or TIMEOUT,
    )


def gunicorn_config(options: ServeOptions) -> dict:
    return {
        "bind": list(options.binds),
        "workers": options.workers,
        "threads": options.threads,
        # A sync worker answers every connection it accepts before it looks at a signal (reload, stop,
        # ``max_requests``): the stock class loses none.
        "worker_class": SyncWorker if options.threads == 1 else GracefulThreadWorker,
        "timeout": options.timeout,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "keepalive": 5,  # threaded workers only: a sync worker closes each connection after its answer
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": MAX_REQUESTS_JITTER,
        "preload_app": True,
        "accesslog": "-",
        "errorlog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "logger_class": QuietProbeLogger,
        "secure_scheme_headers": {},
        "forwarded_allow_ips": "",
        "proc_name": "taizhang",
        # The workers' heartbeat files in memory, not on a disk that may stall (and not in a container's
        # overlay file system).
        **({"worker_tmp_dir": "/dev/shm"} if os.path.isdir("/dev/shm") else {}),
        "post_fork": _post_fork,
    }


def _post_fork(server, worker) -> None:
    # No database connection crosses a fork: each worker opens its own.
    connections.close_all()


class GracefulThreadWorker(ThreadWorker):
    """gunicorn's ``gthread`` worker that accepts no new connection once told to stop.

    The stock worker may accept one in the same loop turn as the SIGTERM of a reload (``kill -HUP``) or a
    ``max_requests`` restart, then exit without answering it: the client sees the connection closed
    (gunicorn issues #3038, #3380; the fix proposed in pull request #3039). Left in the listening socket's
    queue, the connection goes to a live worker instead."""

    def accept(self, server, listener):
        if self.alive:
            super().accept(server, listener)


class QuietProbeLogger(Logger):
    """gunicorn's logger, without the access lines of successful health probes."""

    def access(self, resp, req, environ, request_time):
        if req.path in QUIET_PATHS and resp.status_code is not None and int(resp.status_code) < 400:
            return
        super().access(resp, req, environ, request_time)


class TaizhangServer(BaseApplication):
    def __init__(self, options: ServeOptions):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in gunicorn_config(self.options).items():
            self.cfg.set(key, value)

    def load(self):
        """What ``taizhang.wsgi`` does (this layer may not import it): the WSGI app, made ready."""
        application = get_wsgi_application()
        ready_to_serve()
        connections.close_all()  # the checks before may have opened one; a fork must not share it
        return application
