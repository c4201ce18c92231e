"""Bulk reminders as a ``ReminderJob``: queued from the page, run by a Celery task
in batches with progress, like the export jobs (reports/exports/files.py).

The task builds the list again from the saved filters, checked against the user
as they are now; ticked enrolment ids only narrow that list, so an id from
elsewhere (forged, or no longer a straggler) is never reminded.
"""

import logging

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.queueing import publish

from ..models import ReminderJob
from . import rules
from .filters import StragglerFilters
from .sending import ROW_FIELDS, Mailer, send_batch

logger = logging.getLogger(__name__)

BATCH = 1_000


def hand_over(job):
    from .tasks import send_reminders_task

    if publish(send_reminders_task, job.pk):
        ReminderJob.objects.filter(pk=job.pk).update(queued_at=timezone.now())
        return True
    logger.warning("reminder job %s waits for the broker", job.pk)
    return False


def create_job(filters, enrolment_ids=None):
    """Save the job and queue its task once the row is committed; a double click
    finds the job the first click started."""
    ids = sorted(set(enrolment_ids)) if enrolment_ids is not None else None
    # (A JSON field's None means JSON null to a lookup; the column is SQL NULL.)
    same_rows = (
        {"enrolment_ids__isnull": True} if ids is None else {"enrolment_ids": ids}
    )
    running = ReminderJob.objects.filter(
        requested_by=filters.user,
        reason=filters.reason,
        filters=filters.to_dict(),
        status__in=[ReminderJob.Status.QUEUED, ReminderJob.Status.RUNNING],
        **same_rows,
    ).first()
    if running:
        return running
    job = ReminderJob.objects.create(
        requested_by=filters.user,
        reason=filters.reason,
        filters=filters.to_dict(),
        enrolment_ids=ids,
        language=translation.get_language() or "vi",
    )
    transaction.on_commit(lambda: hand_over(job))
    return job


def _batches(queryset, ids):
    """Row tuples in batches: the whole list read once (one query, a server-side
    cursor on PostgreSQL), or the ticked ids a batch at a time."""
    rows = queryset.order_by("pk").values_list(*ROW_FIELDS)
    if ids is not None:
        for start in range(0, len(ids), BATCH):
            yield list(rows.filter(pk__in=ids[start : start + BATCH]))
        return
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def run_job(job_id):
    """Send the job's reminders batch by batch, recording progress; safe to run
    twice (only one run moves it from "queued")."""
    updated = ReminderJob.objects.filter(
        pk=job_id, status=ReminderJob.Status.QUEUED
    ).update(status=ReminderJob.Status.RUNNING, started_at=timezone.now())
    if not updated:
        return
    job = ReminderJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        with translation.override(job.language):
            filters = StragglerFilters.from_dict(job.filters)
            if filters.errors or not filters.roots:
                _fail(job, " ".join(filters.errors) or _("You may no longer remind."))
                return
            queryset = rules.stragglers(filters)
            ids = job.enrolment_ids
            total = len(ids) if ids is not None else queryset.count()
            ReminderJob.objects.filter(pk=job.pk).update(total=total)
            mailer = Mailer()
            done = sent = skipped = emailed = 0
            for batch in _batches(queryset, ids):
                counts = send_batch(batch, job.reason, job.requested_by, job, mailer)
                done += len(batch)
                sent, skipped, emailed = (
                    sent + counts[0],
                    skipped + counts[1],
                    emailed + counts[2],
                )
                ReminderJob.objects.filter(pk=job.pk).update(
                    processed=done, sent=sent, skipped=skipped, emailed=emailed
                )
    except Exception:
        logger.exception("reminder job %s failed", job.pk)
        _fail(job, _("Something went wrong while sending. Please try again."))
        raise
    # Ticked rows no longer on the list count as done (and not reminded).
    ReminderJob.objects.filter(pk=job.pk).update(
        status=ReminderJob.Status.DONE,
        processed=total,
        skipped=total - sent,
        finished_at=timezone.now(),
    )


def _fail(job, message):
    ReminderJob.objects.filter(pk=job.pk).update(
        status=ReminderJob.Status.FAILED, error=message, finished_at=timezone.now()
    )


def send_one(filters, enrolment_id):
    """Remind the learner of one enrolment on the filters' list, now (the page's
    per-row button). Returns "sent", "capped" or None (not on the list)."""
    row = rules.stragglers(filters).filter(pk=enrolment_id).values_list(*ROW_FIELDS)
    rows = list(row)
    if not rows:
        return None
    sent, _skipped, _emailed = send_batch(
        rows, filters.reason, filters.user, queued=True
    )
    return "sent" if sent else "capped"


def sweep(now=None):
    """Hand over jobs the broker never took; fail those whose worker died (as
    reports/exports/sweeps.py does for exports). Returns {"queued", "failed"}."""
    from datetime import timedelta

    from django.conf import settings
    from django.db.models import Q

    from .tasks import send_reminders_task

    now = now or timezone.now()
    limit = timedelta(
        seconds=send_reminders_task.time_limit + settings.CELERY_STUCK_MARGIN
    )
    counts = {"queued": 0, "failed": 0}
    waiting = ReminderJob.objects.filter(
        Q(queued_at__isnull=True, created_at__lt=now - timedelta(minutes=1))
        | Q(queued_at__lt=now - limit),
        status=ReminderJob.Status.QUEUED,
    )
    for job in waiting.only("pk"):
        counts["queued"] += hand_over(job)
    counts["failed"] = ReminderJob.objects.filter(
        status=ReminderJob.Status.RUNNING, started_at__lt=now - limit
    ).update(
        status=ReminderJob.Status.FAILED,
        error=_("Sending was interrupted (the background worker stopped)."),
        finished_at=now,
    )
    return counts
