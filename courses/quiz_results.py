"""A class's results on one quiz, for its coordinator: one row per learner, and the
integrity signals (time away from the page, identical wrong-answer patterns).

Three queries whatever the size of the class: the learners, their attempts'
aggregates (SQL), and the submitted attempts' papers for courses.integrity.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, Sum

from people.models import User

from . import integrity
from .enrolment import class_learner_ids
from .models import QuizAttempt


@dataclass
class PairRow:
    first: object  # (learner, attempt number) of each side
    second: object
    shared: list  # integrity.SharedWrong


def _learner_rows(school_class, quiz):
    learners = list(
        User.objects.filter(pk__in=class_learner_ids(school_class))
        .only("pk", "full_name", "username")
        .order_by("name_sort_key", "pk")
    )
    submitted = Q(submitted_at__isnull=False)
    figures = {
        row["enrolment__user_id"]: row
        for row in QuizAttempt.objects.filter(
            quiz=quiz, enrolment__user_id__in=[u.pk for u in learners]
        )
        .order_by()
        .values("enrolment__user_id")
        .annotate(
            attempts=Count("pk", filter=submitted),
            in_progress=Count("pk", filter=~submitted),
            best=Max("score", filter=submitted),
            passes=Count("pk", filter=Q(passed=True)),
            lost_count=Sum("focus_lost_count"),
            away_seconds=Sum("focus_away_seconds"),
        )
    }
    for learner in learners:
        row = figures.get(learner.pk, {})
        learner.attempts = row.get("attempts", 0)
        learner.in_progress = row.get("in_progress", 0)
        learner.best = row.get("best")
        learner.passed = bool(row.get("passes"))
        learner.lost_count = row.get("lost_count") or 0
        learner.away_minutes = (row.get("away_seconds") or 0) / 60
    return learners


def _flagged_pairs(quiz, learners):
    by_id = {learner.pk: learner for learner in learners}
    attempts = list(
        QuizAttempt.objects.submitted()
        .filter(quiz=quiz, enrolment__user_id__in=list(by_id))
        .values("pk", "number", "enrolment__user_id", "snapshot", "answers")
    )
    side = {a["pk"]: (by_id[a["enrolment__user_id"]], a["number"]) for a in attempts}
    pairs = integrity.flag_pairs(
        integrity.Paper(a["pk"], a["enrolment__user_id"], a["snapshot"], a["answers"])
        for a in attempts
    )
    return [PairRow(side[p.first], side[p.second], p.shared) for p in pairs]


def class_quiz_results(school_class, quiz):
    """(learner rows, flagged pairs) of the class's learners on this quiz."""
    learners = _learner_rows(school_class, quiz)
    return learners, _flagged_pairs(quiz, learners)
