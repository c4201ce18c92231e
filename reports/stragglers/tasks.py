"""Celery tasks of the reminders: a bulk job, the weekly digest, the sweep."""

from celery import shared_task


@shared_task(time_limit=30 * 60, soft_time_limit=29 * 60, acks_late=True)
def send_reminders_task(job_id):
    """Send a reminder job's reminders; a second delivery does nothing."""
    from .jobs import run_job

    run_job(job_id)


@shared_task(time_limit=30 * 60, soft_time_limit=29 * 60)
def send_weekly_digests_task():
    """Run by Celery beat on Monday mornings."""
    from .digest import send_weekly_digests

    return send_weekly_digests()


@shared_task(time_limit=120, soft_time_limit=100)
def sweep_reminder_jobs_task():
    """Run by Celery beat: hand over waiting jobs, fail interrupted ones."""
    from .jobs import sweep

    return sweep()
