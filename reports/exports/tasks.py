"""Celery tasks of the exports: write a large export, delete expired ones."""

from celery import shared_task

# Names as first registered (reports/export_tasks.py): beat schedules in
# config/settings and messages already queued use them.
PREFIX = "reports.export_tasks."


@shared_task(
    name=PREFIX + "build_export_task",
    time_limit=30 * 60,
    soft_time_limit=29 * 60,
    acks_late=True,
)
def build_export_task(job_id):
    """Write an export job's file; a second delivery of the same job does nothing."""
    from .files import run_job

    run_job(job_id)


@shared_task(
    name=PREFIX + "purge_expired_exports_task", time_limit=300, soft_time_limit=280
)
def purge_expired_exports_task():
    """Delete exports past their lifetime (also done whenever a new one is asked)."""
    from .files import purge_expired

    return purge_expired()


@shared_task(name=PREFIX + "sweep_export_jobs", time_limit=120, soft_time_limit=100)
def sweep_export_jobs():
    """Run by Celery beat: hand over waiting exports, fail interrupted ones."""
    from .sweeps import sweep_export_jobs as sweep

    return sweep()
