"""The completion rule, recorded once and announced once."""

import pytest

from courses import quiz
from courses.completion import is_complete, mark_lesson_done, progress_by_enrolment
from courses.models import Enrolment, LessonPage
from courses.signals import course_completed
from tests.courses.conftest import correct_answers, wrong_answers
from tests.factories import UserFactory, build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def handler(sender, enrolment, **kwargs):
        calls.append(enrolment.pk)

    course_completed.connect(handler)
    yield calls
    course_completed.disconnect(handler)


def pass_quiz(enrolment, quiz_page):
    attempt = quiz.start_attempt(enrolment, quiz_page, course=enrolment.course)
    return quiz.submit_attempt(attempt, correct_answers(attempt)).attempt


def test_complete_only_when_all_lessons_done_and_quiz_passed(
    course, quiz_page, learner, received, django_capture_on_commit_callbacks
):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    lessons = list(LessonPage.objects.child_of(course))
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons[:-1]:
            mark_lesson_done(enrolment, lesson)
        pass_quiz(enrolment, quiz_page)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert received == []

    with django_capture_on_commit_callbacks(execute=True):
        assert mark_lesson_done(enrolment, lessons[-1]) is True
        assert mark_lesson_done(enrolment, lessons[-1]) is False  # second click
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert received == [enrolment.pk]

    completed_at = enrolment.completed_at
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(enrolment, quiz_page)  # passing again changes nothing
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    assert received == [enrolment.pk]


def test_failed_quiz_keeps_the_course_open(course, quiz_page, learner):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    for lesson in LessonPage.objects.child_of(course):
        mark_lesson_done(enrolment, lesson)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    quiz.submit_attempt(attempt, wrong_answers(attempt))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert not is_complete(enrolment)


def test_optional_quiz_is_not_needed(course, quiz_page, learner):
    quiz_page.required = False
    quiz_page.save_revision().publish()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    for lesson in LessonPage.objects.child_of(course):
        mark_lesson_done(enrolment, lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_unpublished_lessons_do_not_count(course, quiz_page, learner):
    lessons = list(LessonPage.objects.child_of(course))
    lessons[-1].unpublish()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    for lesson in lessons[:-1]:
        mark_lesson_done(enrolment, lesson)
    pass_quiz(enrolment, quiz_page)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_progress_for_many_enrolments_in_constant_queries(
    home_page, django_assert_max_num_queries
):
    learner = UserFactory()
    enrolments = []
    for n in range(4):
        course, quiz_page = build_course(home_page, lessons=n + 1, slug=f"khoa-{n}")
        enrolment = Enrolment.objects.create(user=learner, course=course)
        for lesson in list(LessonPage.objects.child_of(course))[:n]:
            mark_lesson_done(enrolment, lesson)
        enrolments.append(enrolment)
    enrolments = list(Enrolment.objects.select_related("course").order_by("pk"))
    with django_assert_max_num_queries(4):
        progress = progress_by_enrolment(enrolments)
    # n lessons done of (n + 1) lessons + 1 required quiz
    assert [progress[e.pk] for e in enrolments] == [(0, 2), (1, 3), (2, 4), (3, 5)]
