"""What a notice says, and the learner's side of notices: shown on My learning,
marked read when shown, dismissed by the learner. The same sentences go into the
reminder e-mails (reports/stragglers/sending.py), so the two never disagree."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Notice

MESSAGES = {
    Notice.Kind.NOT_STARTED: _(
        "You enrolled in “%(course)s” but have not started it yet. "
        "A few minutes a day is enough to begin."
    ),
    Notice.Kind.STALLED: _(
        "You have not been back to “%(course)s” for a while. "
        "Continue where you left off."
    ),
    Notice.Kind.QUIZ_FAILED: _(
        "You did not pass the quiz of “%(course)s” yet, and you may try again. "
        "Review the lessons and retake it."
    ),
    Notice.Kind.CERTIFICATE_READY: _(
        "Your certificate for “%(course)s” is ready. Download it from My learning."
    ),
}


def message(kind, course_title):
    return MESSAGES[kind] % {"course": course_title}


def shown_notices(user, limit=5):
    """The learner's open notices (with their courses), marked read in one UPDATE."""
    notices = list(Notice.objects.shown_to(user).select_related("course")[:limit])
    unread = [n.pk for n in notices if n.read_at is None]
    if unread:
        Notice.objects.filter(pk__in=unread).update(read_at=timezone.now())
    for notice in notices:
        notice.text = message(notice.kind, notice.course.title if notice.course else "")
    return notices


def dismiss(user, notice_id):
    """Dismiss the learner's own notice; True if there was one to dismiss."""
    return bool(
        Notice.objects.shown_to(user)
        .filter(pk=notice_id)
        .update(dismissed_at=timezone.now())
    )
