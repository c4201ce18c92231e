"""Some learning for the demo, so the statistics pages have something to show.

Class 10A2 of the demo school is enrolled in the volunteers' course: three of its
students have finished it (lessons read, quiz passed, so certificates are issued),
one is half-way, one has not started. Class 10A1, the demo student's, is left alone
so that "hocsinh" still walks the learner's journey from the start.

Everything goes through the same functions the site uses (class enrolment, lesson
progress, the quiz engine), so the figures are what real use would produce.
Loaded once: nothing happens when the class is already enrolled in the course.
"""

from django.db import transaction

from courses.completion import mark_lesson_done
from courses.enrolment import enrol_class
from courses.models import ClassEnrolment, CoursePage, Enrolment, LessonPage, QuizPage
from courses.quiz import start_attempt, submit_attempt
from people.models import SchoolClass

SCHOOL_CODE = "19-T01"
CLASS_NAME = "10A2"
COURSE_SLUG = "tinh-nguyen-vien-ho-tro-dich-vu-cong"
FINISHED, HALF_WAY = 3, 1


def _pass(enrolment, quiz, course):
    attempt = start_attempt(enrolment, quiz, course=course)
    right = {question["key"]: question["correct"] for question in attempt.snapshot}
    submit_attempt(attempt, right)


def finish(enrolment, course, lessons=None, quizzes=None):
    """Every lesson read and every quiz passed: the course is complete."""
    if lessons is None:
        lessons = LessonPage.objects.child_of(course).live().order_by("path")
    if quizzes is None:
        quizzes = QuizPage.objects.child_of(course).live().order_by("path")
    for lesson in lessons:
        mark_lesson_done(enrolment, lesson)
    for quiz in quizzes:
        _pass(enrolment, quiz, course)


def load_activity():
    """Returns how many enrolments were made (0 when already there)."""
    school_class = SchoolClass.objects.filter(
        organisation__code=SCHOOL_CODE, name=CLASS_NAME
    ).first()
    course = CoursePage.objects.live().filter(slug=COURSE_SLUG).first()
    if school_class is None or course is None:
        return 0
    if ClassEnrolment.objects.filter(school_class=school_class, course=course).exists():
        return 0
    with transaction.atomic():
        added = enrol_class(school_class, course)
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    quizzes = list(QuizPage.objects.child_of(course).live().order_by("path"))
    enrolments = (
        Enrolment.objects.filter(course=course, school_class=school_class)
        .select_related("course")
        .order_by("user__name_sort_key")
    )
    for number, enrolment in enumerate(enrolments):
        if number < FINISHED:
            finish(enrolment, course, lessons, quizzes)
        elif number < FINISHED + HALF_WAY:
            for lesson in lessons[: len(lessons) // 2 or 1]:
                mark_lesson_done(enrolment, lesson)
    return added
