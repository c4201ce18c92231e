"""Roster imports whose task never reached the broker, or whose worker died.

A web request only saves the upload and hands a task to the broker
(:func:`hand_over`). When the broker cannot take it the import stays "waiting"
(``queued_at`` empty) and the page says so; :func:`sweep_roster_imports`, run by
Celery beat every two minutes, hands it over once the broker is back. A step whose
worker died (status still "reading" or "applying" after the task's time limit plus
``CELERY_STUCK_MARGIN``) is read again, or, for the apply step, marked failed with a
message on its page: the apply is all-or-nothing, and a second upload of the same
file creates no account twice.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.queueing import publish

from .models import RosterImport

logger = logging.getLogger(__name__)

# A request hands its own task over right after commit; the sweep leaves it that long.
HAND_OVER_GRACE = timedelta(minutes=1)
# An upload that could not be read within a day is given up on.
GIVE_UP_AFTER = timedelta(days=1)

INTERRUPTED = _(
    "Creating the accounts was interrupted (the background worker stopped). Check "
    "the class list, then upload the file again: students who already have an "
    "account are not created twice."
)
NOT_READ = _("The file could not be read in time. Please upload it again.")


def _tasks():
    from .tasks import apply_roster_task, read_roster_task

    return read_roster_task, apply_roster_task


def hand_over(job, task):
    """Queue ``task`` for ``job``; record when the broker took it (else it waits)."""
    if publish(task, job.pk):
        RosterImport.objects.filter(pk=job.pk).update(queued_at=timezone.now())
        return True
    logger.warning("roster import %s waits for the broker", job.pk)
    return False


def _limit(task):
    return timedelta(seconds=task.time_limit + settings.CELERY_STUCK_MARGIN)


def sweep_roster_imports(now=None):
    """Hand over waiting imports, restart or fail stuck ones; returns
    ``{"queued": n, "failed": n}``."""
    now = now or timezone.now()
    read_task, apply_task = _tasks()
    reading = (RosterImport.Status.QUEUED, RosterImport.Status.READING)
    counts = {"queued": 0, "failed": 0}

    # Uploads nobody has read: never handed over, or handed over and lost.
    stale_read = RosterImport.objects.filter(status__in=reading).filter(
        updated_at__lt=now - HAND_OVER_GRACE
    )
    for job in stale_read.only("pk", "queued_at", "created_at", "updated_at"):
        if job.queued_at is not None and job.updated_at > now - _limit(read_task):
            continue  # handed over and (perhaps) being read: not stuck yet
        if job.created_at < now - GIVE_UP_AFTER:
            counts["failed"] += _fail(job, reading, NOT_READ)
        elif job.queued_at is None or job.queued_at < now - _limit(read_task):
            # Reading twice is harmless (the preview is written again).
            counts["queued"] += hand_over(job, read_task)

    applying = RosterImport.objects.filter(
        status=RosterImport.Status.APPLYING, updated_at__lt=now - HAND_OVER_GRACE
    )
    for job in applying.only("pk", "queued_at", "updated_at"):
        if job.queued_at is None:  # confirmed while the broker was down
            counts["queued"] += _hand_over_once(job, apply_task, now)
        elif job.updated_at < now - _limit(apply_task):  # its worker died
            counts["failed"] += _fail(job, (RosterImport.Status.APPLYING,), INTERRUPTED)
    return counts


def _hand_over_once(job, task, now):
    """Claim the job first (an apply must never be queued twice), then queue it."""
    claimed = RosterImport.objects.filter(
        pk=job.pk, status=RosterImport.Status.APPLYING, queued_at__isnull=True
    ).update(queued_at=now)
    if claimed and not publish(task, job.pk):
        RosterImport.objects.filter(pk=job.pk).update(queued_at=None)
        return False
    return bool(claimed)


def _fail(job, statuses, message):
    logger.warning("roster import %s given up: %s", job.pk, message)
    return RosterImport.objects.filter(pk=job.pk, status__in=statuses).update(
        status=RosterImport.Status.FAILED,
        message=str(message),
        updated_at=timezone.now(),
    )
