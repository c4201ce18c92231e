"""Celery finds tasks in each app's ``tasks.py``: the reports' tasks live with their
feature, under the names they were first registered with (``name=``)."""

from .dashboard.tasks import refresh_summary
from .exports.tasks import (
    build_export_task,
    purge_expired_exports_task,
    sweep_export_jobs,
)
from .stragglers.tasks import (
    send_reminders_task,
    send_weekly_digests_task,
    sweep_reminder_jobs_task,
)

__all__ = [
    "build_export_task",
    "purge_expired_exports_task",
    "refresh_summary",
    "send_reminders_task",
    "send_weekly_digests_task",
    "sweep_reminder_jobs_task",
    "sweep_export_jobs",
]
