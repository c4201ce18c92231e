"""Export jobs whose task never reached the broker, or whose worker died.

``hand_over`` queues an export's task and records when the broker took it; while
the broker is down the job waits (``queued_at`` empty) and its page says so.
:func:`sweep_export_jobs`, run by Celery beat every two minutes, hands waiting jobs
over, queues again those whose message was lost, and marks failed, with a message on
the progress page, those still "running" after the task's time limit plus
``CELERY_STUCK_MARGIN`` (the worker died: a new export is one click).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.queueing import publish

from ..models import ExportJob

logger = logging.getLogger(__name__)

HAND_OVER_GRACE = timedelta(minutes=1)
INTERRUPTED = _(
    "Writing the file was interrupted (the background worker stopped). "
    "Please export again."
)


def _task():
    from .tasks import build_export_task

    return build_export_task


def hand_over(job):
    if publish(_task(), job.pk):
        ExportJob.objects.filter(pk=job.pk).update(queued_at=timezone.now())
        return True
    logger.warning("export %s waits for the broker", job.pk)
    return False


def sweep_export_jobs(now=None):
    """Returns ``{"queued": n, "failed": n}``."""
    now = now or timezone.now()
    limit = timedelta(seconds=_task().time_limit + settings.CELERY_STUCK_MARGIN)
    counts = {"queued": 0, "failed": 0}
    waiting = ExportJob.objects.filter(
        Q(queued_at__isnull=True, created_at__lt=now - HAND_OVER_GRACE)
        | Q(queued_at__lt=now - limit),
        status=ExportJob.Status.QUEUED,
    )
    for job in waiting.only("pk"):
        # Queued twice is harmless: only one run moves it from "queued" (run_job).
        counts["queued"] += hand_over(job)
    stuck = ExportJob.objects.filter(
        status=ExportJob.Status.RUNNING, started_at__lt=now - limit
    )
    for job in stuck.only("pk"):
        logger.warning("export %s interrupted: its worker stopped", job.pk)
        counts["failed"] += ExportJob.objects.filter(
            pk=job.pk, status=ExportJob.Status.RUNNING
        ).update(
            status=ExportJob.Status.FAILED, error=str(INTERRUPTED), finished_at=now
        )
    return counts
