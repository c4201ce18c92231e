"""Exam windows (issue 15): exams closed until opened, schedules, per-class time
limits, extra time, the overdue sweep."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import exam_windows, quiz
from courses.models import QuizAttempt, QuizExtraTime, QuizWindow
from tests.courses.conftest import correct_answers
from tests.courses.exam_fixtures import make_exam_class

pytestmark = pytest.mark.django_db


def start(exam_class, n=0, now=None):
    enrolment = exam_class.enrolment(n)
    return quiz.start_attempt(
        enrolment,
        exam_class.quiz,
        course=exam_class.course,
        now=now,
        gate=lambda e, q: exam_windows.quiz_open_for(e, q, now),
        plan=exam_windows.plan_for,
    )


def test_an_exam_nobody_opened_is_closed_and_a_practice_quiz_is_open(exam):
    enrolment = exam.enrolment()
    assert not exam_windows.quiz_open_for(enrolment, exam.quiz)
    with pytest.raises(quiz.QuizClosed):
        start(exam)
    exam.quiz.kind = "practice"
    assert exam_windows.quiz_open_for(enrolment, exam.quiz)
    exam_windows.open_now(exam.school_class, exam.quiz)
    exam.quiz.kind = "exam"
    assert exam_windows.quiz_open_for(enrolment, exam.quiz)
    assert start(exam).window.school_class == exam.school_class


def test_schedule_boundaries(exam):
    now = timezone.now().replace(microsecond=0)
    opens, closes = now + timedelta(hours=1), now + timedelta(hours=2)
    exam.schedule(
        opens_at=opens,
        closes_at=closes,
        now=now,
    )
    enrolment = exam.enrolment()
    second = timedelta(seconds=1)
    states = [
        exam_windows.quiz_open_for(enrolment, exam.quiz, when)
        for when in (opens - second, opens, closes - second, closes)
    ]
    assert states == [False, True, True, False]
    with pytest.raises(quiz.QuizClosed):
        start(exam, now=opens - second)
    attempt = start(exam, now=opens)
    assert attempt.deadline == opens + timedelta(minutes=30)  # the course's limit
    # an attempt started 10 minutes before the end gets 10 minutes, not 30
    late = start(exam, n=1, now=closes - timedelta(minutes=10))
    assert late.deadline == closes


def test_the_class_time_limit_overrides_the_course(exam):
    exam_windows.open_now(exam.school_class, exam.quiz)
    exam.schedule(time_limit=12)
    window = QuizWindow.objects.get()
    assert window.is_open and window.time_limit_minutes == 12
    now = timezone.now()
    attempt = start(exam, now=now)
    assert attempt.deadline == now + timedelta(minutes=12)
    assert attempt.time_limit_minutes == 12


def test_moving_the_end_moves_deadlines_of_attempts_in_progress(exam):
    now = timezone.now()
    closes = now + timedelta(hours=1)
    exam.schedule(closes_at=closes, time_limit=90)
    attempt = start(exam, now=now)
    assert attempt.deadline == closes
    earlier = now + timedelta(minutes=20)
    exam.schedule(closes_at=earlier, time_limit=90)
    attempt.refresh_from_db()
    assert attempt.deadline == earlier and not attempt.is_submitted


def test_extra_time_extends_an_attempt_and_waits_for_a_later_one(exam):
    exam_windows.open_now(exam.school_class, exam.quiz)
    now = timezone.now()
    attempt = start(exam, now=now)
    grant = exam_windows.grant_extra_time(
        exam.enrolment(), exam.quiz, 7, by=exam.coordinator
    )
    attempt.refresh_from_db()
    assert attempt.deadline == now + timedelta(minutes=37)
    assert attempt.extra_minutes == 7
    assert grant.attempt == attempt and grant.granted_by == exam.coordinator
    # another learner, not started yet: the minutes wait for the attempt
    waiting = exam_windows.grant_extra_time(exam.enrolment(1), exam.quiz, 5)
    assert waiting.attempt is None
    later = start(exam, n=1, now=now)
    assert later.deadline == now + timedelta(minutes=35)
    waiting.refresh_from_db()
    assert waiting.attempt == later
    # and it was used: a third attempt would not get it again
    assert not QuizExtraTime.objects.filter(attempt__isnull=True).exists()


def test_extra_time_runs_past_the_window_end(exam):
    now = timezone.now()
    closes = now + timedelta(minutes=10)
    exam.schedule(closes_at=closes)
    attempt = start(exam, now=now)
    exam_windows.grant_extra_time(exam.enrolment(), exam.quiz, 15)
    attempt.refresh_from_db()
    assert attempt.deadline == closes + timedelta(minutes=15)
    quiz.save_answers(attempt, {}, now=closes + timedelta(minutes=1))  # still open


def test_the_sweep_scores_attempts_past_their_deadline(exam):
    now = timezone.now()
    closes = now + timedelta(minutes=10)
    exam.schedule(closes_at=closes)
    gone = start(exam, now=now)
    quiz.save_answers(gone, correct_answers(gone), now=now + timedelta(minutes=5))
    staying = start(exam, n=1, now=now)
    exam_windows.grant_extra_time(exam.enrolment(1), exam.quiz, 20)
    assert exam_windows.sweep_overdue(now + timedelta(minutes=9)) == 0
    assert exam_windows.sweep_overdue(closes + timedelta(minutes=1)) == 1
    gone.refresh_from_db()
    assert gone.is_submitted and gone.closed_late and gone.score == 100
    assert gone.submitted_at == closes
    staying.refresh_from_db()
    assert not staying.is_submitted
    assert exam_windows.sweep_overdue(closes + timedelta(minutes=2)) == 0  # once
    with pytest.raises(quiz.WindowEnded):
        quiz.save_answers(gone, {})


def test_a_late_autosave_is_refused_even_with_a_stale_attempt(exam):
    """The deadline is checked by the UPDATE: a request that loaded the attempt
    before the end was moved earlier cannot write after it."""
    now = timezone.now()
    exam_windows.open_now(exam.school_class, exam.quiz)
    attempt = start(exam, now=now)
    stale = QuizAttempt.objects.get(pk=attempt.pk)
    exam.schedule(closes_at=now + timedelta(minutes=1))
    with pytest.raises(quiz.WindowEnded):
        quiz.save_answers(stale, {}, now=now + timedelta(minutes=2))


def test_closing_by_hand_scores_saved_answers_and_reopening_starts_afresh(exam):
    exam_windows.open_now(exam.school_class, exam.quiz)
    attempt = start(exam)
    answers = correct_answers(attempt)
    quiz.save_answers(attempt, answers)
    assert exam_windows.close_now(exam.school_class, exam.quiz) == 1
    attempt.refresh_from_db()
    assert attempt.closed_by_switch and attempt.score == 100
    assert attempt.answers == {k: sorted(v) for k, v in answers.items()}
    with pytest.raises(quiz.ClosedBySwitch):
        quiz.save_answers(attempt, answers)
    exam_windows.open_now(exam.school_class, exam.quiz)
    attempt.refresh_from_db()
    assert attempt.is_submitted  # the closed attempt stays closed
    again = start(exam)
    assert again.number == 2 and not again.is_submitted


def test_a_schedule_that_starts_later_ends_attempts_in_progress(exam):
    exam_windows.open_now(exam.school_class, exam.quiz)
    attempt = start(exam)
    now = timezone.now()
    ended = exam.schedule(opens_at=now + timedelta(hours=1))
    assert ended == 1
    attempt.refresh_from_db()
    assert attempt.closed_by_switch


def test_department_schedule_covers_the_unit_and_below_in_one_go(home_page):
    from tests.factories import OrganisationFactory

    commune = OrganisationFactory(kind="commune")
    inside = make_exam_class(home_page, parent=commune)
    outside = make_exam_class(home_page)
    now = timezone.now()
    count = exam_windows.schedule_for_unit(
        commune,
        inside.quiz,
        opens_at=now + timedelta(hours=1),
        closes_at=now + timedelta(hours=2),
        time_limit=20,
    )
    assert count == 1
    window = QuizWindow.objects.get()
    assert window.school_class == inside.school_class
    assert window.time_limit_minutes == 20 and window.is_open
    assert not QuizWindow.objects.filter(school_class=outside.school_class).exists()


def test_the_sweep_runs_every_minute_on_beat_with_a_time_limit():
    from django.conf import settings

    from courses.tasks import sweep_overdue_attempts

    entry = settings.CELERY_BEAT_SCHEDULE["courses-sweep-overdue-attempts"]
    assert entry == {"task": sweep_overdue_attempts.name, "schedule": 60}
    assert sweep_overdue_attempts.time_limit <= 120
