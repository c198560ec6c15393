"""Background jobs (后台任务): a long action a user started from a page (立即核对 …), queued here and run by
``taizhang worker`` (or the next ``taizhang tick``), with its progress and result for the page to show."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """One long action. ``kind`` names the handler (``jobs.background.HANDLERS``); ``scope`` what it works
    on (``regions:3,7``): one job of a kind and scope is queued or running at a time — the partial unique
    constraint makes a second start of the same action join the first instead of running twice."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("执行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    kind = models.CharField("类别", max_length=64)
    scope = models.CharField("范围", max_length=200, blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="发起人"
    )
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    result = models.JSONField("结果", default=dict, blank=True)
    error = models.TextField("错误", blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近进展", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    ACTIVE = (State.QUEUED, State.RUNNING)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        indexes = (models.Index(fields=["state", "created_at"], name="job_queue"),)
        constraints = (
            models.UniqueConstraint(
                fields=["kind", "scope"],
                condition=Q(state__in=["queued", "running"]),
                name="job_once_at_a_time",
            ),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.scope} · {self.get_state_display()}"

    @property
    def active(self) -> bool:
        return self.state in self.ACTIVE

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
