"""A user saving their profile over and over, in a process of its own, while a benchmark runs a long job
beside it (spawned: it sets Django up itself, so this module imports nothing of Django's at the top). Each
save is an audited one-transaction service (``accounts.services.profile_update``): its time is a user's wait
for SQLite's one write lock (counted by ``tick_writer.timed_saves``)."""

from __future__ import annotations

from benchmarks.tick_writer import timed_saves


def saver(user_id: int, stop, ready, results) -> None:
    import django

    django.setup()
    from taizhang.accounts.models import User
    from taizhang.accounts.services import profile_update

    user = User.objects.get(pk=user_id)

    def prepared(n: int):
        return lambda: profile_update(
            user=user, display_name=f"保存{n}", email="", mobile="", language="", actor=user
        )

    ready.set()
    results.put(timed_saves(prepared, stop))
