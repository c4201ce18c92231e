"""Course content (pages) and learning records (enrolments, progress, attempts)."""

from .pages import Audience, CourseIndexPage, CoursePage, LessonPage, QuizPage
from .records import (
    ClassEnrolment,
    Enrolment,
    LessonProgress,
    QuestionResult,
    QuizAttempt,
    QuizWindow,
)

__all__ = [
    "Audience",
    "ClassEnrolment",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "QuestionResult",
    "QuizAttempt",
    "QuizPage",
    "QuizWindow",
]
