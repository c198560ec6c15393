"""Work on another database connection, as a request thread of another user runs it beside a long job: the
tests that claim "a user's save goes through meanwhile" (人员导入, the tick's warning batches)."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection


def elsewhere(work: Callable[[], Any], *, timeout: float = 30) -> Any:
    """``work()`` in a thread with its own connection: what it returned, or the error it met as
    ``"Type: message"`` (SQLite's lock held by the job: "database is locked")."""
    outcome = []

    def run():
        try:
            outcome.append(work())
        except Exception as exc:
            outcome.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout)
    return outcome[0]
