"""The handlers of background jobs (``background.runner``), by kind, imported directly as ``steps`` does: a
handler renamed or removed breaks the import at start-up, not a job at run time."""

from __future__ import annotations

from taizhang.administration.onboarding import job as onboarding_job
from taizhang.alerts import tasks as alert_tasks
from taizhang.background.runner import Handler

HANDLERS: dict[str, Handler] = {
    alert_tasks.KIND: alert_tasks.alerts_refresh_job,
    onboarding_job.KIND: onboarding_job.onboarding_job,
}
