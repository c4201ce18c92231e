"""The demo exam: a course whose exam draws 10 questions at random for each attempt
from a bank of questions on online public services and digital safety
(``content/exam/``: ``course.toml`` and ``bank.toml``).
"""

from . import reader

__all__ = [
    "BANK_DESCRIPTION",
    "BANK_NAME",
    "DRAW_COUNT",
    "EXAM_COURSE",
    "PRIVACY",
    "QUESTIONS",
]

# A tag key of the learners' framework (02/2025/TT-BGDĐT): personal data and privacy.
PRIVACY = "tt02:4.2"

_BANK = reader.read("exam/bank.toml")
BANK_NAME = _BANK["name"]
BANK_DESCRIPTION = _BANK["description"]
DRAW_COUNT = _BANK["draw_count"]
QUESTIONS = [reader.question(raw) for raw in _BANK["questions"]]

# The demo course that holds the exam: a short guide, then the exam.
EXAM_COURSE = reader.course(reader.read("exam/course.toml"))
