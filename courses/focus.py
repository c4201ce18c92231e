"""Focus signals: how often an attempt's page was left, and for how long in all.

The quiz page's script (static/courses/quiz_focus.js) reports its running totals for
the attempt. Totals here only ever go up, so a replayed beacon or a forged smaller
number changes nothing. Nothing is blocked or scored on them: the coordinator's
results page shows them as signals for a person to judge.
"""

import math

from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import quiz
from .models import QuizAttempt

# Far beyond any real attempt; a larger number is forged, not measured.
MAX_LOST_COUNT = 1000
MAX_AWAY_SECONDS = 24 * 60 * 60
FIELDS = ("lost_count", "away_seconds")


class BadFocusReport(Exception):
    message = _(
        "The page-focus report is not valid: it needs two whole numbers "
        "(times left and seconds away), not negative and not too large."
    )


def _whole_number(value, cap):
    """A non-negative int up to ``cap`` from JSON or a form field; else refused."""
    if isinstance(value, bool):  # JSON true is an int to Python
        raise BadFocusReport
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.isdigit() or len(value) > 7:
            raise BadFocusReport
        value = int(value)
    if not isinstance(value, int) or not 0 <= value <= cap:
        raise BadFocusReport
    return value


def read_totals(data):
    """(times left, seconds away) from a mapping: a JSON object or a POST form."""
    if not hasattr(data, "get"):
        raise BadFocusReport
    return (
        _whole_number(data.get("lost_count"), MAX_LOST_COUNT),
        _whole_number(data.get("away_seconds"), MAX_AWAY_SECONDS),
    )


def record(attempt, lost_count, away_seconds, now=None):
    """Raise the attempt's totals to these (never lower them); return the stored
    totals. Only while the attempt is open and in time (quiz.QuizError otherwise).
    Time away cannot exceed the time since the attempt started."""
    now = now or timezone.now()
    if attempt.submitted_at is not None:
        raise quiz.AttemptAlreadySubmitted
    if attempt.deadline and now >= attempt.deadline:
        raise quiz.TimeIsUp
    elapsed = math.ceil((now - attempt.started_at).total_seconds())
    away_seconds = min(away_seconds, max(0, elapsed))
    updated = QuizAttempt.objects.filter(
        pk=attempt.pk, submitted_at__isnull=True
    ).update(
        focus_lost_count=Greatest(F("focus_lost_count"), Value(lost_count)),
        focus_away_seconds=Greatest(F("focus_away_seconds"), Value(away_seconds)),
    )
    if not updated:
        raise quiz.AttemptAlreadySubmitted
    return (
        QuizAttempt.objects.filter(pk=attempt.pk)
        .values_list("focus_lost_count", "focus_away_seconds")
        .get()
    )
