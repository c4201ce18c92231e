"""The quiz engine: start, autosave, submit and score attempts.

Views call these functions and turn their exceptions into messages. Everything that
decides a result happens here, on the server, from the attempt's own snapshot: the
browser only ever sees question and choice texts, under per-attempt random keys.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import papers, standing_failures, xapi_statements
from .completion import update_completion
from .models import Enrolment, QuestionResult, QuizAttempt, QuizExtraTime

SINGLE_ANSWER_TYPES = {"single_choice", "true_false"}


class QuizError(Exception):
    """A request the quiz cannot honour; ``message`` is shown to the learner."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class AttemptLimitReached(QuizError):
    message = _("You have used all your attempts for this quiz.")


class QuizClosed(QuizError):
    message = _("This quiz is not open for your class at the moment.")


class AttemptAlreadySubmitted(QuizError):
    message = _("This attempt was already submitted; nothing was changed.")


class TimeIsUp(QuizError):
    message = _("Time is up for this attempt; answers can no longer be changed.")


class ClosedBySwitch(AttemptAlreadySubmitted):
    message = _(
        "Your coordinator closed this quiz for your class: the attempt was submitted "
        "with the answers saved until then."
    )


class WindowEnded(TimeIsUp):
    message = _(
        "The exam window has closed: the attempt was scored with the answers saved "
        "until then."
    )


class InvalidAnswer(QuizError):
    message = _("The answers sent do not match this attempt's questions.")


@dataclass
class AttemptPlan:
    """How a new attempt is timed, when a class window governs it
    (courses.exam_windows.plan_for)."""

    window_id: int | None = None
    time_limit_minutes: int | None = None
    ends_at: object = None  # the window's scheduled end, if any
    extra_minutes: int = 0
    grant_ids: tuple = ()  # extra-time grants waiting for this attempt


def attempt_deadline(started_at, limit_minutes, ends_at, extra_minutes=0):
    """min(start + time limit, window end) + the learner's extra time; None if
    neither a limit nor an end applies."""
    ends = [t for t in (ends_at,) if t is not None]
    if limit_minutes:
        ends.append(started_at + timedelta(minutes=limit_minutes))
    if not ends:
        return None
    return min(ends) + timedelta(minutes=extra_minutes or 0)


def build_snapshot(quiz, seed=None):
    """Freeze the paper an attempt is served (courses.papers): texts, order, keys."""
    return papers.draw_paper(quiz, papers.new_seed() if seed is None else seed)


def expire_if_overdue(attempt, now=None):
    """Close an open attempt whose deadline has passed, scored as at the deadline."""
    now = now or timezone.now()
    if attempt.submitted_at is None and attempt.deadline and now >= attempt.deadline:
        _finish(attempt, None, now=now, late=True)
        attempt.refresh_from_db()
    return attempt


def close_by_switch(attempt, now=None):
    """The quiz was closed for the learner's class (exam-day switch): submit the
    open attempt with the answers saved so far, as a time limit would. False if it
    was already closed."""
    now = now or timezone.now()
    if attempt.submitted_at is not None:
        return False
    late = bool(attempt.deadline and now >= attempt.deadline)
    closed = _finish(attempt, None, now=now, late=late, switch=True)
    attempt.refresh_from_db()
    return closed


def enforce_window(attempt, gate, now=None):
    """At any request on an open attempt: if ``gate`` (exam-day control) now says
    closed, the attempt is submitted as it stands. Returns the attempt.

    An attempt started in a class window is left alone: its deadline carries the
    window's end (and the learner's extra time), and closing the window by hand
    submits it in the same transaction (courses.exam_windows)."""
    if attempt.submitted_at is None and gate is not None and not attempt.window_id:
        if not gate(attempt.enrolment, attempt.quiz):
            close_by_switch(attempt, now)
    return attempt


def start_attempt(enrolment, quiz, *, course, now=None, gate=None, plan=None):
    """Return the learner's open attempt, or open a new one within the limits.

    Safe under concurrent requests: the attempt number and "one open attempt" are
    unique in the database, so two simultaneous starts end with one attempt.
    ``gate`` is an optional callable(enrolment, quiz) -> bool (exam-day control);
    ``plan`` an optional callable(enrolment, quiz, course, now) -> AttemptPlan.
    """
    now = now or timezone.now()
    open_attempt = QuizAttempt.objects.open().filter(enrolment=enrolment, quiz=quiz)
    existing = open_attempt.first()
    if existing is not None:
        expire_if_overdue(existing, now)
        if existing.submitted_at is None:
            enforce_window(existing, gate, now)
        if existing.submitted_at is None:
            return existing
        if existing.closed_by_switch:
            raise ClosedBySwitch
    if gate is not None and not gate(enrolment, quiz):
        raise QuizClosed
    attempts = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz)
    last_number = attempts.aggregate(n=Max("number"))["n"] or 0
    if course.attempt_limit and last_number >= course.attempt_limit:
        raise AttemptLimitReached
    seed = papers.new_seed()
    snapshot = build_snapshot(quiz, seed)
    timing = plan(enrolment, quiz, course, now) if plan else None
    if timing is None:
        timing = AttemptPlan(time_limit_minutes=course.time_limit_minutes)
    deadline = attempt_deadline(
        now, timing.time_limit_minutes, timing.ends_at, timing.extra_minutes
    )
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                enrolment=enrolment,
                quiz=quiz,
                number=last_number + 1,
                started_at=now,
                deadline=deadline,
                snapshot=snapshot,
                seed=seed,
                question_count=len(snapshot),
                window_id=timing.window_id,
                time_limit_minutes=timing.time_limit_minutes,
                extra_minutes=timing.extra_minutes,
            )
            if timing.grant_ids:
                QuizExtraTime.objects.filter(
                    pk__in=timing.grant_ids, attempt__isnull=True
                ).update(attempt=attempt)
            Enrolment.mark_started(enrolment.pk, now)
            standing_failures.refresh([enrolment.pk], only_clear=True)
            return attempt
    except IntegrityError:
        # Another request started one at the same moment: use that one.
        existing = open_attempt.first()
        if existing is not None:
            return existing
        raise AttemptLimitReached from None


def clean_answers(attempt, raw):
    """Check answers against the snapshot: {question_key: [choice_key, ...]}.

    Anything that is not a question of this attempt or a choice of that question is
    refused as a whole, so a forged form changes nothing.
    """
    if not isinstance(raw, dict):
        raise InvalidAnswer
    questions = {q["key"]: q for q in attempt.snapshot}
    cleaned = {}
    for question_key, chosen in raw.items():
        question = questions.get(question_key)
        if question is None:
            raise InvalidAnswer
        if isinstance(chosen, str):
            chosen = [chosen]
        if not isinstance(chosen, list) or not all(isinstance(c, str) for c in chosen):
            raise InvalidAnswer
        chosen = sorted(set(chosen))
        allowed = {choice["key"] for choice in question["choices"]}
        if not set(chosen) <= allowed:
            raise InvalidAnswer
        if question["type"] in SINGLE_ANSWER_TYPES and len(chosen) > 1:
            raise InvalidAnswer
        if chosen:
            cleaned[question_key] = chosen
    return cleaned


def answers_from_post(attempt, post):
    """Read a submitted form: one field per question, named by its key."""
    return {
        q["key"]: post.getlist(q["key"]) for q in attempt.snapshot if q["key"] in post
    }


def save_answers(attempt, raw, now=None):
    """Autosave: replace the saved answers while the attempt is open and in time."""
    now = now or timezone.now()
    if attempt.submitted_at is not None or (
        attempt.deadline and now >= attempt.deadline
    ):
        raise refusal(attempt, now)
    answers = clean_answers(attempt, raw)
    # The conditions are checked by the UPDATE itself: a save that waited on a
    # closing transaction's row lock finds the attempt submitted and changes
    # nothing, and a deadline moved earlier since this request read it holds.
    updated = (
        QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True)
        .filter(Q(deadline__isnull=True) | Q(deadline__gt=now))
        .update(answers=answers, answers_saved_at=now)
    )
    if not updated:
        attempt.refresh_from_db()
        raise refusal(attempt, now)
    attempt.answers, attempt.answers_saved_at = answers, now
    return answers


def refusal(attempt, now=None):
    """The error that says why an attempt no longer takes answers."""
    now = now or timezone.now()
    if attempt.closed_by_switch:
        return ClosedBySwitch()
    if attempt.submitted_at is not None and not attempt.closed_late:
        return AttemptAlreadySubmitted()
    if attempt.deadline and (attempt.closed_late or now >= attempt.deadline):
        if ended_by_window(attempt):
            return WindowEnded()
        return TimeIsUp()
    return AttemptAlreadySubmitted()


def ended_by_window(attempt):
    """True if the attempt's deadline was its window's scheduled end."""
    if not attempt.window_id or not attempt.deadline:
        return False
    ends_at = attempt.window.closes_at
    if ends_at is None:
        return False
    return attempt.deadline == ends_at + timedelta(minutes=attempt.extra_minutes)


@dataclass
class SubmitOutcome:
    attempt: QuizAttempt
    late: bool


def submit_attempt(attempt, raw=None, now=None):
    """Score and close an attempt, once. A late one keeps the deadline's answers."""
    now = now or timezone.now()
    if attempt.submitted_at is not None:
        raise AttemptAlreadySubmitted
    late = bool(attempt.deadline and now >= attempt.deadline)
    answers = None if late or raw is None else clean_answers(attempt, raw)
    if not _finish(attempt, answers, now=now, late=late):
        raise AttemptAlreadySubmitted
    attempt.refresh_from_db()
    return SubmitOutcome(attempt=attempt, late=late)


def score(snapshot, answers):
    """(correct count, per-question results). Only an exact answer counts."""
    results = []
    for position, question in enumerate(snapshot):
        chosen = sorted(answers.get(question["key"], []))
        results.append(
            {
                "key": question["key"],
                "position": position,
                "qid": question.get("qid"),
                "ver": question.get("ver"),
                "selected": chosen,
                "is_correct": chosen == sorted(question["correct"]),
            }
        )
    return sum(r["is_correct"] for r in results), results


def _finish(attempt, answers, *, now, late, switch=False):
    """Close the attempt if still open; False if someone else closed it first.

    ``answers`` None means "what is saved": read under a row lock, so an autosave
    committed a moment ago is scored, and one still waiting finds the attempt
    submitted and is refused (save_answers)."""
    course = attempt.enrolment.course
    total = len(attempt.snapshot)
    with transaction.atomic():
        if answers is None:
            row = (
                QuizAttempt.objects.select_for_update()
                .filter(pk=attempt.pk, submitted_at__isnull=True)
                .values("answers")
                .first()
            )
            if row is None:
                return False
            answers = row["answers"] or {}
        correct, results = score(attempt.snapshot, answers)
        percent = (
            (Decimal(correct) * 100 / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if total
            else Decimal("100")
        )
        passed = percent >= course.pass_mark
        submitted_at = min(now, attempt.deadline) if late else now
        closed = QuizAttempt.objects.filter(
            pk=attempt.pk, submitted_at__isnull=True
        ).update(
            submitted_at=submitted_at,
            answers=answers,
            correct_count=correct,
            question_count=total,
            score=percent,
            passed=passed,
            closed_late=late,
            closed_by_switch=switch,
        )
        if not closed:
            return False
        QuestionResult.objects.bulk_create(
            QuestionResult(
                attempt_id=attempt.pk,
                quiz_id=attempt.quiz_id,
                question_key=r["key"],
                position=r["position"],
                question_id=r["qid"],
                question_version=r["ver"],
                selected=",".join(r["selected"]),
                is_correct=r["is_correct"],
            )
            for r in results
        )
        Enrolment.record_score(attempt.enrolment_id, percent)
        standing_failures.refresh([attempt.enrolment_id], only_clear=passed)
        xapi_statements.attempt_submitted(
            attempt, score=percent, passed=passed, when=submitted_at
        )
        update_completion(attempt.enrolment)
    return True


def review(attempt, *, show_answers, show_which_wrong=None):
    """What a result page may show: your own choices always; whether each was
    right only if ``show_which_wrong``; the key and explanations only if
    ``show_answers`` (courses.review_rules decides both). Hidden is absent, not
    merely unrendered: ``is_correct`` is None and nothing of the key is copied."""
    show_which_wrong = show_answers or bool(show_which_wrong)
    answers = attempt.answers or {}
    items = []
    for question in attempt.snapshot:
        chosen = set(answers.get(question["key"], []))
        correct = set(question["correct"])
        items.append(
            {
                "question": {
                    k: question[k]
                    for k in ("key", "type", "text", "tags")
                    if k in question
                },
                "choices": [
                    {
                        **choice,
                        "chosen": choice["key"] in chosen,
                        "correct": show_answers and choice["key"] in correct,
                    }
                    for choice in question["choices"]
                ],
                "is_correct": chosen == correct if show_which_wrong else None,
                "explanation": question["explanation"] if show_answers else "",
            }
        )
    return items
