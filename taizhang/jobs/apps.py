from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender, using: str = "default", **kwargs) -> None:
    """The database cache's table (settings.CACHES), made by every `migrate` so no install needs an extra
    step; `createcachetable` leaves an existing table alone."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class JobsConfig(AppConfig):
    name = "taizhang.jobs"
    verbose_name = "定时任务"

    def ready(self) -> None:
        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="taizhang.jobs.cache_table")
