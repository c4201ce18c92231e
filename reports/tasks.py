"""Celery finds tasks in each app's ``tasks.py``: the reports' tasks, by topic."""

from celery import shared_task

from .export_tasks import (
    build_export_task,
    purge_expired_exports_task,
    sweep_export_jobs,
)

__all__ = [
    "build_export_task",
    "purge_expired_exports_task",
    "refresh_summary",
    "sweep_export_jobs",
]


@shared_task(time_limit=15 * 60, soft_time_limit=14 * 60)
def refresh_summary():
    """Rebuild the statistics summary tables (reports/rollup.py); beat runs it
    every 10 minutes, and a dashboard queues it when they were never built."""
    from .rollup import refresh

    return refresh()
