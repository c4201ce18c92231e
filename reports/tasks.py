"""Celery finds tasks in each app's ``tasks.py``: the reports' tasks live with their
feature, under the names they were first registered with (``name=``)."""

from .dashboard.tasks import refresh_summary
from .exports.tasks import (
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
