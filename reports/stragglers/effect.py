"""The effect of reminders: of the learners reminded about an unfinished course,
how many completed it within 14 days. One aggregate query."""

from datetime import timedelta

from django.db.models import Count, F, Q

from courses.models import Notice

from ..models import Reminder
from ..tree import UnitTree

EFFECT_DAYS = 14
# A certificate reminder is about a finished course: it has no completion to count.
ABOUT_UNFINISHED = (
    Notice.Kind.NOT_STARTED,
    Notice.Kind.STALLED,
    Notice.Kind.QUIZ_FAILED,
)


def reminder_effect(paths, course=None, tree=None):
    """{"reminded", "completed", "rate", "days"} for reminders about enrolments
    under ``paths`` (and of ``course``); rate None when nobody was reminded."""
    tree = tree or UnitTree()
    reminders = Reminder.objects.filter(
        reason__in=ABOUT_UNFINISHED,
        enrolment__organisation_id__in=tree.unit_ids_under(paths),
    )
    if course is not None:
        reminders = reminders.filter(enrolment__course=course)
    window = Q(
        enrolment__completed_at__gte=F("sent_at"),
        enrolment__completed_at__lte=F("sent_at") + timedelta(days=EFFECT_DAYS),
    )
    row = reminders.aggregate(
        reminded=Count("pk"), completed=Count("pk", filter=window)
    )
    reminded = row["reminded"] or 0
    return {
        "reminded": reminded,
        "completed": row["completed"] or 0,
        "rate": round(100 * row["completed"] / reminded, 1) if reminded else None,
        "days": EFFECT_DAYS,
    }
