"""Quizzes failed and not retried, kept on the enrolment (``quiz_failed_at``).

A *standing failure* is a quiz whose last attempt was submitted and failed, that the
learner never passed, and that still has attempts left under the course's limit.
``Enrolment.quiz_failed_at`` holds the submission time of the enrolment's oldest
standing failure, or NULL. The straggler list "quiz failed and not retried"
(reports/stragglers/rules.py) then reads one indexed column instead of working the
rule out over every attempt of a province (938 ms on 1,000,000 enrolments).

The quiz engine calls ``refresh`` whenever an attempt opens or closes; a change of
a course's attempt limit refreshes its enrolments in the background
(``refresh_course``, from a pre_save check in courses/signal_handlers.py).
"""

from django.db.models import Exists, F, Min, OuterRef, Q, Subquery

from .models import Enrolment, QuizAttempt


def standing_failures():
    """Attempts that are a standing failure of their enrolment (see above)."""
    later = QuizAttempt.objects.filter(
        enrolment=OuterRef("enrolment"),
        quiz=OuterRef("quiz"),
        number__gt=OuterRef("number"),
    )
    passed = QuizAttempt.objects.filter(
        enrolment=OuterRef("enrolment"), quiz=OuterRef("quiz"), passed=True
    )
    limit = "enrolment__course__attempt_limit"
    attempts_left = (
        Q(**{f"{limit}__isnull": True})
        | Q(**{limit: 0})  # 0 or empty: no limit (courses/quiz.py start_attempt)
        | Q(number__lt=F(limit))
    )
    return QuizAttempt.objects.filter(
        attempts_left, submitted_at__isnull=False, passed=False
    ).filter(~Exists(later), ~Exists(passed))


def _oldest_standing_failure():
    return Subquery(
        standing_failures()
        .filter(enrolment=OuterRef("pk"))
        .values("enrolment")
        .annotate(first=Min("submitted_at"))
        .values("first")[:1]
    )


def refresh(enrolment_ids, *, only_clear=False):
    """Recompute ``quiz_failed_at`` of these enrolments: one UPDATE.

    ``only_clear``: the change can only end failures (an attempt opened, a quiz
    passed), so enrolments without one are left alone and cost nothing."""
    enrolments = Enrolment.objects.filter(pk__in=list(enrolment_ids))
    if only_clear:
        enrolments = enrolments.filter(quiz_failed_at__isnull=False)
    return enrolments.update(quiz_failed_at=_oldest_standing_failure())


def refresh_course(course_id):
    """After the course's attempt limit changed: every enrolment with an attempt."""
    tried = QuizAttempt.objects.filter(enrolment=OuterRef("pk"))
    return (
        Enrolment.objects.filter(course_id=course_id)
        .filter(Exists(tried))
        .update(quiz_failed_at=_oldest_standing_failure())
    )
