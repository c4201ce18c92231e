"""Course content (pages) and learning records (enrolments, progress, attempts)."""

from .banks import CompetenceTag, Question, QuestionBank
from .exams import QuizExtraTime, QuizWindow
from .notices import Notice
from .offline import SyncedItem
from .pages import Audience, CourseIndexPage, CoursePage, LessonPage, QuizPage
from .programmes import Programme, ProgrammeCompletion, ProgrammeCourse
from .records import (
    ClassEnrolment,
    Enrolment,
    LessonProgress,
    QuestionResult,
    QuizAttempt,
)
from .xapi import XapiStatement

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
    "Programme",
    "ProgrammeCompletion",
    "ProgrammeCourse",
    "Question",
    "QuestionBank",
    "QuestionResult",
    "QuizAttempt",
    "QuizExtraTime",
    "QuizPage",
    "QuizWindow",
    "XapiStatement",
    "SyncedItem",
]
