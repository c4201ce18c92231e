"""``Enrolment.quiz_failed_at`` (courses/standing_failures.py): the quiz engine keeps
it as attempts open and close; a new attempt limit published on the course moves it."""

import pytest

from courses import quiz
from courses.models import Enrolment
from tests.courses.conftest import correct_answers, wrong_answers

pytestmark = pytest.mark.django_db


def failed_at(enrolment):
    return Enrolment.objects.values_list("quiz_failed_at", flat=True).get(
        pk=enrolment.pk
    )


def publish_limit(course, limit, capture):
    course.attempt_limit = limit
    with capture(execute=True):  # the refresh runs after the commit
        course.save_revision().publish()


def test_failed_retried_limited_and_passed(
    course, quiz_page, learner, django_capture_on_commit_callbacks
):
    publish_limit(course, 3, django_capture_on_commit_callbacks)
    enrolment = Enrolment.objects.create(user=learner, course=course)

    def attempt(answers):
        opened = quiz.start_attempt(enrolment, quiz_page, course=course)
        assert failed_at(enrolment) is None  # an open attempt is a retry
        return quiz.submit_attempt(opened, answers(opened)).attempt

    first = attempt(wrong_answers)
    assert failed_at(enrolment) == first.submitted_at
    second = attempt(wrong_answers)
    assert failed_at(enrolment) == second.submitted_at

    # Attempt 2 of 2: none left, so nothing to remind about; back to 3, it is.
    publish_limit(course, 2, django_capture_on_commit_callbacks)
    assert failed_at(enrolment) is None
    publish_limit(course, 3, django_capture_on_commit_callbacks)
    assert failed_at(enrolment) == second.submitted_at

    attempt(correct_answers)
    assert failed_at(enrolment) is None
