"""The live exam board's figures: one row per learner of the class, in a fixed
number of queries whatever the class size."""

from dataclasses import dataclass
from datetime import timedelta

from people.models import Membership, User

from .exam_windows import extra_minutes_given
from .models import Enrolment, QuizAttempt

IDLE_AFTER = timedelta(minutes=5)


@dataclass
class BoardRow:
    learner: User
    state: str  # not_enrolled, not_started, in_progress, submitted
    attempt: QuizAttempt | None = None
    answered: int = 0
    idle: bool = False
    seconds_left: int | None = None
    extra_minutes: int = 0
    attempts: int = 0

    @property
    def time_left(self):
        """Minutes and seconds ("12:05"), or None without a deadline."""
        if self.seconds_left is None:
            return None
        return f"{self.seconds_left // 60}:{self.seconds_left % 60:02d}"


def class_learners(school_class):
    return list(
        User.objects.filter(
            memberships__school_class=school_class,
            memberships__role=Membership.Role.LEARNER,
        )
        .distinct()
        .order_by("name_sort_key", "pk")
    )


def board_rows(school_class, quiz, course, now, learners=None):
    """Four queries: learners, enrolments, attempts (without their papers), extra
    time."""
    learners = class_learners(school_class) if learners is None else learners
    enrolments = {
        e.user_id: e
        for e in Enrolment.objects.filter(
            course=course, user_id__in=[u.pk for u in learners]
        )
    }
    latest, counts = {}, {}
    attempts = (
        QuizAttempt.objects.filter(quiz=quiz, enrolment__in=list(enrolments.values()))
        .defer("snapshot")
        .order_by("enrolment_id", "number")
    )
    for attempt in attempts:
        latest[attempt.enrolment_id] = attempt
        counts[attempt.enrolment_id] = counts.get(attempt.enrolment_id, 0) + 1
    extra = extra_minutes_given([e.pk for e in enrolments.values()], quiz)
    rows = []
    for learner in learners:
        enrolment = enrolments.get(learner.pk)
        if enrolment is None or enrolment.status == Enrolment.Status.WITHDRAWN:
            rows.append(BoardRow(learner, "not_enrolled"))
            continue
        attempt = latest.get(enrolment.pk)
        row = BoardRow(
            learner,
            "not_started",
            attempt=attempt,
            extra_minutes=extra.get(enrolment.pk, 0),
            attempts=counts.get(enrolment.pk, 0),
        )
        if attempt is not None:
            row.answered = len(attempt.answers or {})
            if attempt.submitted_at is None:
                row.state = "in_progress"
                last = attempt.answers_saved_at or attempt.started_at
                row.idle = now - last >= IDLE_AFTER
                row.seconds_left = attempt.seconds_left(now)
            else:
                row.state = "submitted"
        rows.append(row)
    return rows


def board_summary(rows):
    summary = {"not_started": 0, "in_progress": 0, "submitted": 0, "idle": 0}
    for row in rows:
        if row.state in summary:
            summary[row.state] += 1
        summary["idle"] += row.idle
    return summary
