"""Before a production server starts, or after an upgrade: what is missing from its settings. Each problem is
one bilingual line saying what to do; an empty list means ready. Used by ``taizhang serve --check`` (the
systemd unit and the Docker image start with it) and by ``taizhang upgrade``."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from taizhang.lib.i18n import said

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "[::1]"}


def static_problem() -> str | None:
    """TAIZHANG_STATIC_COLLECTED=1 without a collected manifest would answer every page with a 500."""
    if settings.STATIC_COLLECTED and not (settings.STATIC_ROOT / "staticfiles.json").is_file():
        return said(
            f"静态文件尚未收集，请运行 taizhang collectstatic --noinput：{settings.STATIC_ROOT}",
            f"static files not collected into {settings.STATIC_ROOT}: run `taizhang collectstatic --noinput`",
        )
    return None


def production_problems(*, collected: bool = True) -> list[str]:
    """DEBUG, the host names, the static files, and every deploy check of Django and of ours (warnings
    included: the keyring, HTTPS, HSTS, secure cookies). ``collected=False``: the static files are about
    to be collected (``taizhang upgrade``), so a missing manifest is no problem yet."""
    problems = []
    if settings.DEBUG:
        problems.append(said("调试模式已开启，请去掉 TAIZHANG_DEBUG", "DEBUG is on: unset TAIZHANG_DEBUG"))
    if set(settings.ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        problems.append(
            said(
                "请在 TAIZHANG_ALLOWED_HOSTS 中写明网站域名",
                "TAIZHANG_ALLOWED_HOSTS names no host but this machine:"
                " set the site's name (e.g. taizhang.example.gov.cn)",
            )
        )
    if not settings.STATIC_COLLECTED:
        problems.append(
            said(
                "请运行 taizhang collectstatic 并设置 TAIZHANG_STATIC_COLLECTED=1",
                "run `taizhang collectstatic` and set TAIZHANG_STATIC_COLLECTED=1"
                " (compressed, long-cached static files)",
            )
        )
    elif collected and (problem := static_problem()):
        problems.append(problem)
    for message in checks.run_checks(include_deployment_checks=True):
        if message.level >= checks.WARNING and not message.is_silenced():
            problems.append(f"{message.id}: {message.msg}" + (f" ({message.hint})" if message.hint else ""))
    return problems
