"""Course content (pages) and learning records (enrolments, progress, attempts)."""

from .banks import CompetenceTag, Question, QuestionBank
from .exams import QuizExtraTime, QuizWindow
from .notices import Notice
from .offline import SyncedItem
from .pages import Audience, CourseIndexPage, CoursePage, LessonPage, QuizPage
from .records import (
    ClassEnrolment,
    Enrolment,
    LessonProgress,
    QuestionResult,
    QuizAttempt,
)

__all__ = [
    "Audience",
    "ClassEnrolment",
    "CompetenceTag",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "Notice",
    "Question",
    "QuestionBank",
    "QuestionResult",
    "QuizAttempt",
    "QuizExtraTime",
    "QuizPage",
    "QuizWindow",
    "SyncedItem",
]
