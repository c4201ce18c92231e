"""Closing an exam while learners autosave, on PostgreSQL (issue 15): every save
that was accepted is in the scored answers, and none is accepted after the close."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from courses import exam_windows, quiz
from courses.models import QuestionResult, QuizAttempt
from tests.courses.exam_fixtures import make_exam_class
from tests.services import require_postgresql

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

LEARNERS = 6
MAX_SAVES = 400


def payload(attempt, n):
    """The n-th answers: a different set of questions answered each time (a subset
    by the bits of n), so two consecutive saves never send the same answers."""
    mask = n % 15 + 1
    return {
        question["key"]: [question["choices"][0]["key"]]
        for bit, question in enumerate(attempt.snapshot)
        if mask & (1 << bit)
    }


def test_closing_during_autosaves_loses_nothing_and_accepts_nothing_after(home_page):
    require_postgresql()
    exam = make_exam_class(home_page, learners=LEARNERS)
    exam_windows.open_now(exam.school_class, exam.quiz)
    attempts = [
        quiz.start_attempt(
            exam.enrolment(n),
            exam.quiz,
            course=exam.course,
            gate=exam_windows.quiz_open_for,
            plan=exam_windows.plan_for,
        )
        for n in range(LEARNERS)
    ]
    ready = threading.Barrier(LEARNERS + 1)
    accepted = {a.pk: [] for a in attempts}
    refused, errors = {}, []

    def saver(attempt_id):
        try:
            for n in range(MAX_SAVES):
                attempt = QuizAttempt.objects.get(pk=attempt_id)  # as a request would
                answers = payload(attempt, n)
                try:
                    quiz.save_answers(attempt, answers)
                except quiz.QuizError as error:
                    refused[attempt_id] = error
                    return
                accepted[attempt_id].append({k: sorted(v) for k, v in answers.items()})
                if n == 2:
                    ready.wait(timeout=30)  # all savers busy: now close
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=saver, args=(a.pk,)) for a in attempts]
    for thread in threads:
        thread.start()
    ready.wait(timeout=30)
    closed = exam_windows.close_now(exam.school_class, exam.quiz, by=exam.coordinator)
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert closed == LEARNERS
    for attempt in QuizAttempt.objects.filter(pk__in=accepted):
        saves = accepted[attempt.pk]
        assert len(saves) >= 3
        assert attempt.closed_by_switch
        # the last accepted save is what was scored: none was lost, and none was
        # accepted after the close (it would differ from what was scored)
        assert attempt.answers == saves[-1]
        assert attempt.answers_saved_at <= attempt.submitted_at
        assert isinstance(refused[attempt.pk], quiz.ClosedBySwitch)
        results = QuestionResult.objects.filter(attempt=attempt)
        assert results.count() == len(attempt.snapshot)
        assert results.filter(is_correct=True).count() == attempt.correct_count


def test_overlapping_sweeps_score_each_overdue_attempt_once(home_page):
    require_postgresql()
    exam = make_exam_class(home_page, learners=LEARNERS)
    exam_windows.open_now(exam.school_class, exam.quiz)
    for n in range(LEARNERS):
        quiz.start_attempt(
            exam.enrolment(n),
            exam.quiz,
            course=exam.course,
            plan=exam_windows.plan_for,
        )
    past = timezone.now() - timedelta(minutes=1)
    QuizAttempt.objects.update(deadline=past)
    barrier = threading.Barrier(3)
    scored, errors = [], []

    def sweep():
        try:
            barrier.wait(timeout=30)
            scored.append(exam_windows.sweep_overdue())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(scored) == LEARNERS
    assert not QuizAttempt.objects.open().exists()
    assert QuestionResult.objects.count() == LEARNERS * 4
    assert set(QuizAttempt.objects.values_list("submitted_at", flat=True)) == {past}
