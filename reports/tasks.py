"""Celery finds tasks in each app's ``tasks.py``: the reports' tasks, by topic."""

from .export_tasks import build_export_task, purge_expired_exports_task

__all__ = ["build_export_task", "purge_expired_exports_task"]
