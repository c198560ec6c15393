"""The PostgreSQL server's own CPU seconds, read from /proc: every process of the cluster (the postmaster, its
backends and helpers) and those of its children that have ended — what a job's ``process_time`` does not
see (inserting rows, keeping indexes, checking constraints). The benchmark's throw-away server is local, so
its processes are readable; None on SQLite, or when they are not (another host, no /proc)."""

from __future__ import annotations

import os
from pathlib import Path

from django.db import connection

_HZ = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name: state, ppid, … (utime is index 11)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _postmaster() -> int | None:
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            (data_dir,) = cursor.fetchone()
        return int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError, Exception):  # not a superuser, not local
        return None


def server_cpu() -> float | None:
    """The cluster's CPU seconds so far; None when it cannot be read."""
    root = _postmaster()
    if root is None:
        return None
    try:
        fields = _stat(root)
        ticks = sum(int(f) for f in fields[11:15])  # its own and its ended children's
    except OSError:
        return None
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = _stat(int(entry))
        except OSError:  # ended meanwhile
            continue
        if fields[1] == str(root):
            ticks += int(fields[11]) + int(fields[12])
    return ticks / _HZ
