"""A user saving their profile over and over, in a process of its own, while a benchmark runs a long job
beside it (spawned: it sets Django up itself, so this module imports nothing of Django's at the top). Each
save is an audited one-transaction service (``accounts.services.profile_update``): its time is a user's wait
for SQLite's one write lock."""

from __future__ import annotations

import time


def saver(user_id: int, stop, ready, results) -> None:
    import django

    django.setup()
    from django.db import DatabaseError

    from taizhang.accounts.models import User
    from taizhang.accounts.services import profile_update

    user = User.objects.get(pk=user_id)
    saves = failed = n = 0
    longest = 0.0
    errors: list[str] = []
    ready.set()
    while not stop.is_set():
        n += 1
        started = time.perf_counter()
        try:
            profile_update(user=user, display_name=f"保存{n}", email="", mobile="", language="", actor=user)
        except DatabaseError as exc:  # "database is locked": the 503 "busy, retry" a user would see
            failed += 1
            errors.append(str(exc))
        else:
            saves += 1
        longest = max(longest, time.perf_counter() - started)
        time.sleep(0.02)
    results.put({"saves": saves, "max_s": longest, "failed": failed, "errors": errors[:5]})
