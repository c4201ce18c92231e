"""The quiz engine on its own: snapshots, scoring, limits, deadlines."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses import quiz
from courses.models import Enrolment, QuestionResult, QuizAttempt
from tests.courses.conftest import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(course, learner):
    return Enrolment.objects.create(user=learner, course=course)


def start(enrolment, quiz_page, **kwargs):
    return quiz.start_attempt(enrolment, quiz_page, course=enrolment.course, **kwargs)


def test_snapshot_keeps_questions_and_answers_as_served(enrolment, quiz_page):
    attempt = start(enrolment, quiz_page)
    assert attempt.number == 1
    assert [q["type"] for q in attempt.snapshot] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "single_choice",
    ]
    first = attempt.snapshot[0]
    assert len(first["choices"]) == 3
    assert len(first["correct"]) == 1
    # keys are random per attempt, so they say nothing about position or correctness
    other = quiz.build_snapshot(quiz_page)
    assert {c["key"] for c in first["choices"]}.isdisjoint(
        {c["key"] for c in other[0]["choices"]}
    )


def test_editing_the_quiz_later_changes_neither_open_nor_past_attempts(
    enrolment, quiz_page
):
    attempt = start(enrolment, quiz_page)
    answers = correct_answers(attempt)
    # The editor removes a question and flips the first one's answer key.
    questions = list(quiz_page.questions.raw_data)
    questions.pop()
    for choice in questions[0]["value"]["choices"]:
        choice["value"]["correct"] = not choice["value"]["correct"]
    quiz_page.questions = questions
    quiz_page.save_revision().publish()

    attempt.refresh_from_db()
    assert attempt.question_count == 4
    outcome = quiz.submit_attempt(attempt, answers)
    assert outcome.attempt.correct_count == 4
    assert outcome.attempt.score == 100
    assert outcome.attempt.passed is True


def test_scoring_counts_a_question_only_when_exactly_right(enrolment, quiz_page):
    attempt = start(enrolment, quiz_page)
    answers = correct_answers(attempt)
    multiple = attempt.snapshot[1]
    answers[multiple["key"]] = multiple["correct"][:1]  # half of a multiple choice
    outcome = quiz.submit_attempt(attempt, answers)
    assert outcome.attempt.correct_count == 3
    assert outcome.attempt.score == 75
    assert outcome.attempt.passed is True  # pass mark 70
    results = QuestionResult.objects.filter(attempt=attempt).order_by("position")
    assert [r.is_correct for r in results] == [True, False, True, True]


def test_below_the_pass_mark_fails(enrolment, quiz_page):
    attempt = start(enrolment, quiz_page)
    outcome = quiz.submit_attempt(attempt, wrong_answers(attempt))
    assert outcome.attempt.score == 0
    assert outcome.attempt.passed is False


def test_forged_or_foreign_answers_are_refused_whole(enrolment, quiz_page, course):
    attempt = start(enrolment, quiz_page)
    question = attempt.snapshot[0]
    with pytest.raises(quiz.InvalidAnswer):
        quiz.save_answers(attempt, {question["key"]: ["not-a-choice"]})
    with pytest.raises(quiz.InvalidAnswer):  # a choice of another question
        other_choice = attempt.snapshot[3]["choices"][0]["key"]
        quiz.save_answers(attempt, {question["key"]: [other_choice]})
    with pytest.raises(quiz.InvalidAnswer):  # two answers to a single-choice question
        two = [choice["key"] for choice in question["choices"][:2]]
        quiz.save_answers(attempt, {question["key"]: two})
    with pytest.raises(quiz.InvalidAnswer):
        quiz.save_answers(attempt, {"unknown-question": []})
    attempt.refresh_from_db()
    assert attempt.answers == {}


def test_submitted_attempt_is_immutable(enrolment, quiz_page):
    attempt = start(enrolment, quiz_page)
    quiz.submit_attempt(attempt, wrong_answers(attempt))
    with pytest.raises(quiz.AttemptAlreadySubmitted):
        quiz.submit_attempt(attempt, correct_answers(attempt))
    with pytest.raises(quiz.AttemptAlreadySubmitted):
        quiz.save_answers(attempt, correct_answers(attempt))
    attempt.refresh_from_db()
    assert attempt.score == 0
    assert QuestionResult.objects.filter(attempt=attempt).count() == 4


def test_start_returns_the_open_attempt_instead_of_a_second(enrolment, quiz_page):
    first = start(enrolment, quiz_page)
    assert start(enrolment, quiz_page).pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_attempt_limit(enrolment, quiz_page, course):
    course.attempt_limit = 2
    course.save()
    for _ in range(2):
        attempt = start(enrolment, quiz_page)
        quiz.submit_attempt(attempt, wrong_answers(attempt))
    with pytest.raises(quiz.AttemptLimitReached):
        start(enrolment, quiz_page)
    assert QuizAttempt.objects.count() == 2


def test_gate_can_keep_a_quiz_closed(enrolment, quiz_page):
    with pytest.raises(quiz.QuizClosed):
        start(enrolment, quiz_page, gate=lambda enrolment, quiz: False)
    assert not QuizAttempt.objects.exists()


def test_time_limit_uses_the_server_clock(enrolment, quiz_page, course):
    course.time_limit_minutes = 10
    course.save()
    began = timezone.now()
    attempt = start(enrolment, quiz_page, now=began)
    assert attempt.deadline == began + timedelta(minutes=10)

    saved = correct_answers(attempt)
    first_key = attempt.snapshot[0]["key"]
    in_time = {first_key: saved[first_key]}
    quiz.save_answers(attempt, in_time, now=began + timedelta(minutes=9))
    late = began + timedelta(minutes=11)
    with pytest.raises(quiz.TimeIsUp):
        quiz.save_answers(attempt, saved, now=late)

    outcome = quiz.submit_attempt(attempt, saved, now=late)
    assert outcome.late is True
    assert outcome.attempt.closed_late is True
    assert outcome.attempt.submitted_at == attempt.deadline
    assert outcome.attempt.correct_count == 1  # only what was saved by the deadline


def test_an_abandoned_attempt_is_closed_after_its_deadline(
    enrolment, quiz_page, course
):
    course.time_limit_minutes = 5
    course.save()
    began = timezone.now() - timedelta(minutes=30)
    attempt = start(enrolment, quiz_page, now=began)
    fresh = start(enrolment, quiz_page)  # a later visit
    attempt.refresh_from_db()
    assert attempt.submitted_at == attempt.deadline
    assert attempt.closed_late is True
    assert fresh.number == 2
