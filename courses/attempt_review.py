"""What a learner may see of their own submitted attempts, under the quiz's review
rules (courses.review_rules decides; this gathers the facts it decides on).

Every page that shows a learner an attempt goes through ``review_state``; nothing
else reads the answer key for a learner.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q

from people.models import Membership

from . import review_rules
from .exam_windows import quiz_open_for
from .models import CompetenceTag, QuizAttempt, QuizWindow


@dataclass(frozen=True)
class ReviewState:
    review: review_rules.Review
    notices: list


def window_closed(enrolment, quiz):
    """The learner's class had a window on this quiz and it is closed now. A quiz
    with no window for the learner (a practice quiz) never "closes"."""
    class_ids = Membership.objects.filter(
        user_id=enrolment.user_id, school_class__isnull=False
    ).values("school_class_id")
    has_window = QuizWindow.objects.filter(
        quiz=quiz, school_class_id__in=class_ids
    ).exists()
    return has_window and not quiz_open_for(enrolment, quiz)


def facts_for(enrolment, quiz, course, attempts=None):
    """The learner's situation on the quiz. ``attempts``: their attempts, when the
    caller has them loaded already (saves a query)."""
    if attempts is None:
        counts = (
            QuizAttempt.objects.submitted()
            .filter(enrolment=enrolment, quiz=quiz)
            .aggregate(n=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
        )
        submitted, passed = counts["n"], bool(counts["passed"])
    else:
        done = [a for a in attempts if a.is_submitted]
        submitted, passed = len(done), any(a.passed for a in done)
    closed = False
    if review_rules.needs_window(quiz.review_which_wrong, quiz.review_answers):
        closed = window_closed(enrolment, quiz)
    return review_rules.Facts(
        passed=passed,
        attempts_submitted=submitted,
        attempt_limit=course.attempt_limit,
        window_closed=closed,
    )


def review_state(enrolment, quiz, course, attempts=None):
    facts = facts_for(enrolment, quiz, course, attempts)
    rules = (quiz.review_which_wrong, quiz.review_answers)
    return ReviewState(
        review=review_rules.decide(*rules, facts),
        notices=review_rules.notices(*rules, facts),
    )


def by_tag(items):
    """Correct of total per competence tag of the paper's questions, in the
    frameworks' order; one query for the names. Only call it when the learner may
    see which questions were wrong: per-tag counts tell as much."""
    counts = {}
    for item in items:
        for key in item["question"].get("tags") or []:
            total, correct = counts.get(key, (0, 0))
            counts[key] = (total + 1, correct + bool(item["is_correct"]))
    if not counts:
        return []
    pairs = [key.split(":", 1) for key in counts if ":" in key]
    names = {}
    if pairs:
        wanted = reduce(or_, (Q(framework=f, code=c) for f, c in pairs))
        names = {tag.key: tag for tag in CompetenceTag.objects.filter(wanted)}
    # Known tags in the frameworks' order (the query's), then any deleted since.
    rows = [{"key": t.key, "code": t.code, "name": t.name} for t in names.values()]
    rows += [
        {"key": key, "code": key, "name": ""}
        for key in sorted(counts)
        if key not in names
    ]
    for row in rows:
        row["total"], row["correct"] = counts[row["key"]]
    return rows
