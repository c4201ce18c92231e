"""Sending reminders: a notice on My learning, an e-mail where there is an address,
and a ``Reminder`` row, at most once a week per learner.

``send_batch`` does a batch of list rows in one transaction: it locks the learners'
``ReminderCap`` rows in id order (``select_for_update``: a second job waits, then
sees the new date), keeps those not reminded for a week, moves their date to now,
writes notices and reminders in bulk, and after commit sends the e-mails over one
connection. A few queries per batch, whatever its size.
"""

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from courses.models import Notice

from ..models import Reminder, ReminderCap
from .mails import Mailer

WEEK = timedelta(days=7)
NEVER = datetime(2000, 1, 1, tzinfo=UTC)
# (enrolment id, learner id, e-mail, full name, course id, course title)
ROW_FIELDS = (
    "pk",
    "user_id",
    "user__email",
    "user__full_name",
    "course_id",
    "course__title",
)


def claim(learner_ids, now):
    """The learners among ``learner_ids`` not reminded since ``now - WEEK``, their
    date moved to ``now``. Call inside a transaction: the row locks hold till commit."""
    ids = sorted(set(learner_ids))
    if not ids:
        return set()
    ReminderCap.objects.bulk_create(
        [ReminderCap(learner_id=pk, last_reminded_at=NEVER) for pk in ids],
        ignore_conflicts=True,
    )
    locked = (
        ReminderCap.objects.select_for_update()
        .filter(learner_id__in=ids)
        .order_by("learner_id")
        .values_list("learner_id", "last_reminded_at")
    )
    due = [pk for pk, last in locked if last <= now - WEEK]
    ReminderCap.objects.filter(learner_id__in=due).update(last_reminded_at=now)
    return set(due)


def send_batch(rows, reason, sender, job=None, mailer=None, now=None, queued=False):
    """Remind the learners of ``rows`` (``ROW_FIELDS`` tuples); the first row of a
    learner wins. Returns (reminded, skipped, emailed)."""
    now = now or timezone.now()
    first = {}
    for row in rows:
        first.setdefault(row[1], row)
    with transaction.atomic():
        due = claim(first, now)
        chosen = [row for learner, row in first.items() if learner in due]
        Notice.objects.bulk_create(
            [
                Notice(user_id=row[1], course_id=row[4], kind=reason, created_at=now)
                for row in chosen
            ]
        )
        Reminder.objects.bulk_create(
            [
                Reminder(
                    learner_id=row[1],
                    enrolment_id=row[0],
                    reason=reason,
                    sent_at=now,
                    sent_by=sender,
                    job=job,
                    emailed=bool(row[2]),
                )
                for row in chosen
            ]
        )
    mailer = mailer or Mailer()
    mails = [mailer.build(reason, row[2], row[3], row[5]) for row in chosen if row[2]]
    mailer.send(mails, queued=queued)
    return len(chosen), len(rows) - len(chosen), len(mails)
