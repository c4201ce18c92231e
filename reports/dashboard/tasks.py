"""Celery task of the dashboard: rebuild the statistics summary tables."""

from celery import shared_task


# The name is the one beat schedules (config/settings) and queued messages use.
@shared_task(
    name="reports.tasks.refresh_summary",
    time_limit=15 * 60,
    soft_time_limit=14 * 60,
)
def refresh_summary():
    """Rebuild the statistics summary tables (reports/dashboard/rollup.py); beat
    runs it every 10 minutes, and a dashboard queues it when they were never built."""
    from .rollup import refresh

    return refresh()
