"""Coordinators enrol whole classes; exam-day control gates quiz starts."""

import pytest

from courses import quiz
from courses.completion import mark_lesson_done
from courses.enrolment import enrol_class, not_yet_enrolled, unenrol_class
from courses.exam_windows import quiz_open_for, set_quiz_window
from courses.models import Enrolment, LessonPage
from people.models import Membership
from tests.factories import (
    LearnerMembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_class():
    school = OrganisationFactory(kind="school")
    school_class = SchoolClassFactory(organisation=school, name="10A1")
    for _ in range(3):
        LearnerMembershipFactory(school_class=school_class)
    return school_class


def test_enrolling_a_class_is_idempotent_and_picks_up_newcomers(school_class, course):
    coordinator = UserFactory()
    assert enrol_class(school_class, course, by=coordinator) == 3
    assert enrol_class(school_class, course, by=coordinator) == 0
    assert Enrolment.objects.filter(course=course, source="class").count() == 3

    LearnerMembershipFactory(school_class=school_class)
    assert not_yet_enrolled(school_class, [course.pk]) == {course.pk: 1}
    assert enrol_class(school_class, course, by=coordinator) == 1
    assert not_yet_enrolled(school_class, [course.pk]) == {course.pk: 0}


def test_self_enrolled_learners_keep_their_enrolment(school_class, course):
    learner = Membership.objects.filter(school_class=school_class).first().user
    own = Enrolment.objects.create(user=learner, course=course)
    enrol_class(school_class, course)
    own.refresh_from_db()
    assert own.source == Enrolment.Source.SELF
    assert Enrolment.objects.filter(course=course).count() == 3


def test_unenrolling_keeps_progress_and_completed_results(school_class, course):
    enrol_class(school_class, course)
    enrolments = list(Enrolment.objects.filter(course=course).order_by("pk"))
    done = enrolments[0]
    for lesson in LessonPage.objects.child_of(course):
        mark_lesson_done(done, lesson)
    assert unenrol_class(school_class, course) == 3
    statuses = set(Enrolment.objects.values_list("status", flat=True))
    assert statuses == {Enrolment.Status.WITHDRAWN}
    assert done.lesson_progress.count() == 3  # nothing deleted
    enrol_class(school_class, course)  # and back in
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"active"}


def test_exam_day_window_gates_quiz_start(school_class, course, quiz_page):
    enrol_class(school_class, course)
    enrolment = Enrolment.objects.filter(course=course).first()
    assert quiz_open_for(enrolment, quiz_page)  # no control: always open

    set_quiz_window(school_class, quiz_page, is_open=False)
    assert not quiz_open_for(enrolment, quiz_page)
    with pytest.raises(quiz.QuizClosed):
        quiz.start_attempt(enrolment, quiz_page, course=course, gate=quiz_open_for)

    set_quiz_window(school_class, quiz_page, is_open=True)
    attempt = quiz.start_attempt(
        enrolment, quiz_page, course=course, gate=quiz_open_for
    )
    question = attempt.snapshot[0]
    quiz.save_answers(attempt, {question["key"]: [question["correct"][0]]})
    # closing takes effect on the attempt already started (issue 14, finding 3):
    # it is submitted with the answers saved, and no new one can start
    assert set_quiz_window(school_class, quiz_page, is_open=False) == 1
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.closed_by_switch
    assert attempt.answers == {question["key"]: [question["correct"][0]]}
    assert attempt.correct_count == 1
    with pytest.raises(quiz.AttemptAlreadySubmitted):
        quiz.save_answers(attempt, {})
    with pytest.raises(quiz.QuizClosed):
        quiz.start_attempt(enrolment, quiz_page, course=course, gate=quiz_open_for)


def test_closing_spares_learners_whose_other_class_has_the_quiz_open(
    school_class, course, quiz_page
):
    enrol_class(school_class, course)
    enrolment = Enrolment.objects.filter(course=course).first()
    other = SchoolClassFactory(organisation=school_class.organisation, name="10A2")
    LearnerMembershipFactory(user=enrolment.user, school_class=other)
    set_quiz_window(other, quiz_page, is_open=True)
    attempt = quiz.start_attempt(
        enrolment, quiz_page, course=course, gate=quiz_open_for
    )
    assert set_quiz_window(school_class, quiz_page, is_open=False) == 0
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_an_attempt_the_switch_missed_closes_at_its_next_request(
    school_class, course, quiz_page
):
    """A learner put in a closed class after starting: closed when next seen."""
    enrolment = Enrolment.objects.create(user=UserFactory(), course=course)
    attempt = quiz.start_attempt(
        enrolment, quiz_page, course=course, gate=quiz_open_for
    )
    set_quiz_window(school_class, quiz_page, is_open=False)
    LearnerMembershipFactory(user=enrolment.user, school_class=school_class)
    with pytest.raises(quiz.ClosedBySwitch):
        quiz.start_attempt(enrolment, quiz_page, course=course, gate=quiz_open_for)
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.closed_by_switch


def test_learner_outside_the_class_is_not_gated(school_class, course, quiz_page):
    set_quiz_window(school_class, quiz_page, is_open=False)
    outsider = Enrolment.objects.create(user=UserFactory(), course=course)
    assert quiz_open_for(outsider, quiz_page)
