from django.db import models


class Lease(models.Model):
    """租约: who runs a job that must run on one host at a time (the tick), and until when.

    Taken with a conditional UPDATE (``jobs.lease``), so it works alike on SQLite and PostgreSQL; a holder
    that dies leaves a lease that simply runs out at ``expires_at``."""

    name = models.CharField("任务", max_length=40, primary_key=True)
    holder = models.CharField("持有者", max_length=120, blank=True)  # host:pid:nonce; empty = free
    expires_at = models.DateTimeField("到期时间", null=True, blank=True)

    class Meta:
        verbose_name = "任务租约"
        verbose_name_plural = "任务租约"

    def __str__(self) -> str:
        return f"{self.name}: {self.holder or '-'}"
