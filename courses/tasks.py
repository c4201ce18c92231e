"""Background work of the courses room."""

from celery import shared_task

from . import exam_windows


@shared_task(time_limit=120, soft_time_limit=100)
def sweep_overdue_attempts():
    """Every minute (beat): score attempts whose deadline or exam window has passed.
    Overlapping runs skip each other's rows (courses.exam_windows.sweep_overdue)."""
    return exam_windows.sweep_overdue()


@shared_task(time_limit=600, soft_time_limit=570)
def refresh_course_failures(course_id):
    """A course's attempt limit changed: its "quiz failed and not retried" marks
    follow (courses/standing_failures.py). Set-based, one UPDATE."""
    from . import standing_failures

    return standing_failures.refresh_course(course_id)


@shared_task(time_limit=300, soft_time_limit=270)
def send_xapi_statements():
    """After each lesson or quiz event, and every minute (beat): give the waiting
    xAPI statements to the Learning Record Store (courses/xapi_sending.py)."""
    from . import xapi_sending

    return xapi_sending.send_pending()
