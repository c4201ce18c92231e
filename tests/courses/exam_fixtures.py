"""A school with a class of learners enrolled in a course whose quiz is an exam."""

from dataclasses import dataclass

from courses import exam_windows
from courses.enrolment import enrol_class
from courses.models import Enrolment, QuizPage
from people.models import Membership
from tests.factories import (
    OrganisationFactory,
    SchoolClassFactory,
    build_course,
    learner_in,
    member_of,
)


@dataclass
class ExamClass:
    school: object
    school_class: object
    coordinator: object
    course: object
    quiz: object
    learners: list

    def schedule(self, *, opens_at=None, closes_at=None, time_limit=None, **kwargs):
        """Set the class's exam window; what is not given is not set."""
        return exam_windows.schedule(
            self.school_class,
            self.quiz,
            opens_at=opens_at,
            closes_at=closes_at,
            time_limit=time_limit,
            **kwargs,
        )

    def enrolment(self, n=0):
        return Enrolment.objects.select_related("course").get(
            course=self.course, user=self.learners[n]
        )


def make_exam_class(home_page, *, learners=3, parent=None, kind="exam", **course):
    school = OrganisationFactory(kind="school", parent=parent)
    school_class = SchoolClassFactory(organisation=school, name="12A1")
    coordinator = member_of(
        school, Membership.Role.COORDINATOR, full_name="Trần Thị Giáo"
    )
    people = [
        learner_in(school_class, full_name=f"Học Sinh {n:02d}") for n in range(learners)
    ]
    existing = QuizPage.objects.first()
    if existing is None:
        built_course, quiz = build_course(home_page, lessons=1, **course)
        quiz.kind = kind
        quiz.save_revision().publish()
        quiz = QuizPage.objects.get(pk=quiz.pk)
    else:
        quiz = existing
        built_course = quiz.get_parent().specific
    enrol_class(school_class, built_course, by=coordinator)
    return ExamClass(school, school_class, coordinator, built_course, quiz, people)
