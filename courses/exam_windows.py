"""Exam windows: when a quiz is open for a learner, and what opening, closing,
scheduling and extra time do to attempts.

A practice quiz is open unless the learner's class has a window on it and that
window is closed. An exam quiz is closed until a window of one of the learner's
classes is open: an exam nobody opened stays closed. A window is open while its
switch is on and the clock is inside its optional schedule.

Closing ends attempts in progress with the answers saved so far. By hand, the open
attempts are locked in the closing transaction, so a concurrent autosave either
lands before (and is scored) or finds the attempt submitted (courses.quiz.save_answers
checks that in its UPDATE). At a scheduled end, each attempt's deadline already is
min(start + time limit, window end) + extra time, so the engine refuses late writes,
and ``sweep_overdue`` (a beat task) scores attempts nobody came back to.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from people.models import Membership, SchoolClass

from . import quiz as quiz_engine
from .enrolment import class_learner_ids
from .models import QuizAttempt, QuizExtraTime, QuizPage, QuizWindow

SWEEP_BATCH = 500


def open_condition(now):
    """Q for windows open at ``now`` (QuizWindow.is_open_at, in SQL)."""
    return (
        Q(is_open=True)
        & (Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    )


def is_exam(quiz):
    return getattr(quiz, "kind", QuizPage.Kind.PRACTICE) == QuizPage.Kind.EXAM


def _learner_windows(user_id, quiz):
    class_ids = Membership.objects.filter(
        user_id=user_id, school_class__isnull=False
    ).values("school_class_id")
    return QuizWindow.objects.filter(quiz=quiz, school_class_id__in=class_ids)


def quiz_open_for(enrolment, quiz, now=None):
    """The gate for courses.quiz.start_attempt (one query)."""
    now = now or timezone.now()
    windows = list(_learner_windows(enrolment.user_id, quiz))
    if any(window.is_open_at(now) for window in windows):
        return True
    return not windows and not is_exam(quiz)


def plan_for(enrolment, quiz, course, now):
    """How a new attempt is timed: the learner's open window (the one that ends
    last), its time limit or the course's, and extra time waiting to be used."""
    window = (
        _learner_windows(enrolment.user_id, quiz)
        .filter(open_condition(now))
        .order_by(F("closes_at").desc(nulls_first=True), "pk")
        .first()
    )
    grants = list(
        QuizExtraTime.objects.filter(
            enrolment=enrolment, quiz=quiz, attempt__isnull=True
        ).values_list("pk", "minutes")
    )
    limit = course.time_limit_minutes
    if window is not None and window.time_limit_minutes:
        limit = window.time_limit_minutes
    return quiz_engine.AttemptPlan(
        window_id=window.pk if window else None,
        time_limit_minutes=limit,
        ends_at=window.closes_at if window else None,
        extra_minutes=sum(minutes for _, minutes in grants),
        grant_ids=tuple(pk for pk, _ in grants),
    )


def _locked_window(school_class, quiz):
    window, _ = QuizWindow.objects.select_for_update().get_or_create(
        quiz=quiz, school_class=school_class
    )
    return window


def _end_attempts(window, quiz, now):
    """Submit, with their saved answers, the open attempts this closed window ends:
    those started in it, and window-less ones of the class's learners for whom the
    quiz is now closed. Runs inside the closing transaction; the rows are locked
    first, so what is scored is the last save that committed."""
    attempts = (
        QuizAttempt.objects.select_for_update(of=("self",))
        .filter(quiz=quiz, submitted_at__isnull=True)
        .filter(
            Q(window=window)
            | Q(
                window__isnull=True,
                enrolment__user_id__in=class_learner_ids(window.school_class_id),
            )
        )
        .select_related("enrolment__course")
        .order_by("pk")
    )
    attempts = list(attempts)
    # The close takes effect once the rows are locked: a save that committed
    # while this waited is in, and is scored.
    now = max(now, timezone.now())
    closed = 0
    for attempt in attempts:
        if attempt.window_id == window.pk or not quiz_open_for(
            attempt.enrolment, quiz, now
        ):
            closed += quiz_engine.close_by_switch(attempt, now)
    return closed


def open_now(school_class, quiz, by=None, now=None):
    """Open the window at once; a scheduled end still in the future is kept."""
    now = now or timezone.now()
    with transaction.atomic():
        window = _locked_window(school_class, quiz)
        window.is_open = True
        if window.opens_at and window.opens_at > now:
            window.opens_at = None
        if window.closes_at and window.closes_at <= now:
            window.closes_at = None
        window.changed_at, window.changed_by = now, by
        window.save()
    return window


def close_now(school_class, quiz, by=None, now=None):
    """Close the window and end its attempts in progress. Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        window = _locked_window(school_class, quiz)
        window.is_open = False
        window.changed_at, window.changed_by = now, by
        window.save()
        return _end_attempts(window, quiz, now)


def set_quiz_window(school_class, quiz, is_open, by=None):
    """The exam-day switch (open=1 / open=0). Returns how many attempts closing
    submitted."""
    if is_open:
        open_now(school_class, quiz, by)
        return 0
    return close_now(school_class, quiz, by)


def _schedule(window, opens_at, closes_at, time_limit, by, now):
    """Set one window's schedule (inside a transaction, window locked). Returns
    how many attempts in progress it ended."""
    window.opens_at, window.closes_at = opens_at, closes_at
    window.time_limit_minutes = time_limit or None
    if opens_at or closes_at:
        window.is_open = True
    window.changed_at, window.changed_by = now, by
    window.save()
    running = list(
        QuizAttempt.objects.select_for_update(of=("self",))
        .filter(window=window, submitted_at__isnull=True)
        .order_by("pk")
    )
    for attempt in running:  # a moved end moves their deadlines
        deadline = quiz_engine.attempt_deadline(
            attempt.started_at,
            attempt.time_limit_minutes,
            closes_at,
            attempt.extra_minutes,
        )
        if deadline != attempt.deadline:
            QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    if not window.is_open or (opens_at and opens_at > now):
        return _end_attempts(window, window.quiz, now)  # closed until a later start
    return 0


def schedule(school_class, quiz, *, opens_at, closes_at, time_limit, by=None, now=None):
    """The coordinator's schedule for one class. Returns attempts ended."""
    now = now or timezone.now()
    with transaction.atomic():
        window = _locked_window(school_class, quiz)
        window.quiz = quiz
        ended = _schedule(window, opens_at, closes_at, time_limit, by, now)
    sweep_overdue(now, window=window)
    return ended


def classes_under(unit):
    return SchoolClass.objects.filter(organisation__path__startswith=unit.path)


def schedule_for_unit(unit, quiz, *, opens_at, closes_at, time_limit, by=None):
    """The department's schedule: the same window times for every class of the
    unit and below, in one transaction. Returns how many classes."""
    now = timezone.now()
    classes = list(classes_under(unit).order_by("pk"))
    with transaction.atomic():
        existing = {
            w.school_class_id: w
            for w in QuizWindow.objects.select_for_update().filter(
                quiz=quiz, school_class__in=classes
            )
        }
        QuizWindow.objects.bulk_create(
            [
                QuizWindow(quiz=quiz, school_class=c, changed_by=by)
                for c in classes
                if c.pk not in existing
            ],
            ignore_conflicts=True,
        )
        windows = (
            QuizWindow.objects.select_for_update()
            .filter(quiz=quiz, school_class__in=classes)
            .order_by("pk")
        )
        for window in windows:
            window.quiz = quiz
            _schedule(window, opens_at, closes_at, time_limit, by, now)
    sweep_overdue(now, quiz=quiz)
    return len(classes)


def grant_extra_time(enrolment, quiz, minutes, by=None, now=None):
    """Give one learner ``minutes`` more: to the attempt in progress (its deadline
    moves), else to the next attempt they start. Returns the grant."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = (
            QuizAttempt.objects.select_for_update()
            .filter(enrolment=enrolment, quiz=quiz, submitted_at__isnull=True)
            .first()
        )
        grant = QuizExtraTime.objects.create(
            quiz=quiz,
            enrolment=enrolment,
            attempt=attempt,
            minutes=minutes,
            granted_by=by,
            granted_at=now,
        )
        if attempt is not None:
            QuizAttempt.objects.filter(pk=attempt.pk).update(
                extra_minutes=F("extra_minutes") + minutes
            )
            if attempt.deadline is not None:
                attempt.deadline = attempt.deadline + timedelta(minutes=minutes)
                QuizAttempt.objects.filter(pk=attempt.pk).update(
                    deadline=attempt.deadline
                )
    return grant


def extra_minutes_given(enrolment_ids, quiz):
    """{enrolment id: minutes given in all} for the board (one query)."""
    return dict(
        QuizExtraTime.objects.filter(enrolment_id__in=enrolment_ids, quiz=quiz)
        .values("enrolment_id")
        .annotate(total=Sum("minutes"))
        .values_list("enrolment_id", "total")
    )


def sweep_overdue(now=None, *, window=None, quiz=None, batch=SWEEP_BATCH):
    """Score open attempts past their deadline, so results are right even if the
    learner never comes back. Safe to run twice at once: each attempt is taken
    under a row lock that the other run skips. Returns how many were scored."""
    now = now or timezone.now()
    overdue = QuizAttempt.objects.filter(submitted_at__isnull=True, deadline__lte=now)
    if window is not None:
        overdue = overdue.filter(window=window)
    if quiz is not None:
        overdue = overdue.filter(quiz=quiz)
    ids = list(overdue.order_by("deadline").values_list("pk", flat=True)[:batch])
    scored = 0
    for pk in ids:
        with transaction.atomic():
            attempt = (
                QuizAttempt.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(pk=pk, submitted_at__isnull=True, deadline__lte=now)
                .select_related("enrolment__course")
                .first()
            )
            if attempt is not None:
                quiz_engine.expire_if_overdue(attempt, now)
                scored += attempt.submitted_at is not None
    return scored
