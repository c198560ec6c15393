"""A job is read by the person who started it; anyone else → 404 (its page has no other reader)."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from taizhang.accounts.models import User
from taizhang.background.models import Job
from taizhang.lib.i18n import said


def job_get(*, user: User, pk: int) -> Job:
    try:
        return Job.objects.get(pk=pk, requested_by=user)
    except Job.DoesNotExist:
        raise Http404 from None


def job_title(job: Job) -> str:
    """What the job does, in the reader's language (a Chinese msgid kept in its parameters)."""
    return _(job.params.get("title") or "后台任务")


def job_message(job: Job) -> str:
    """The result in the reader's language: the handler stores a Chinese msgid and its values."""
    message, params = job.result.get("message"), job.result.get("params") or {}
    return _(message) % params if message else ""


def job_error(job: Job) -> tuple[str, list[str]]:
    """Why the job failed, in the reader's language, and a refused sheet's problems, each with its row."""
    zh_en = job.result.get("refusal")
    if not zh_en:
        return job.error, []
    lines = [
        said(f"第 {row} 行：{zh}", f"row {row}: {en}") if row else said(zh, en)
        for row, zh, en in job.result.get("problems", [])
    ]
    return ("" if lines else said(*zh_en)), lines


def job_link(job: Job) -> tuple[str, str]:
    """The way back once the job is over: the result's link, else the one the job was queued with (so a
    failed job leads back too), and its label in the reader's language ("返回" unless the job names it)."""
    found = next((d for d in (job.result, job.params) if d.get("link")), {})
    return found.get("link", ""), _(found.get("link_label") or "返回")
