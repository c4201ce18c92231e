"""Course content (pages) and learning records (enrolments, progress, attempts)."""

from .pages import Audience, CourseIndexPage, CoursePage, LessonPage, QuizPage
from .records import Enrolment, LessonProgress, QuestionResult, QuizAttempt

__all__ = [
    "Audience",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "QuestionResult",
    "QuizAttempt",
    "QuizPage",
]
