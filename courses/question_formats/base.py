"""What every question format reads into and writes from, and the checks they share.

A reader turns a file into ``ImportedQuestion`` objects plus ``Problem`` objects
(numbered by the row or line the editor sees in Excel or a text editor); the same
checks then run whatever the format, so a question refused from a spreadsheet is
refused from GIFT for the same reason, in the same words.
"""

from dataclasses import asdict, dataclass, field

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from ..models import CompetenceTag, Question

SINGLE = Question.Kind.SINGLE.value
MULTIPLE = Question.Kind.MULTIPLE.value
TRUE_FALSE = Question.Kind.TRUE_FALSE.value

MAX_QUESTIONS = 1000
MAX_CHOICE_LENGTH = 500  # ChoiceBlock's CharBlock
MAX_TEXT_LENGTH = 5000


def _percent(message, params):
    return str(message) % params


_interpolate = lazy(_percent, str)


def lazy_format(message, **params):
    """A lazy message filled in when shown, in the reader's language."""
    return _interpolate(message, params) if params else message


class QuestionFileError(Exception):
    """The file as a whole cannot be read; .message is shown to the editor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class ImportedQuestion:
    """A question as read from a file, before it is a ``Question``."""

    line: int  # the row (spreadsheet) or line (text) where it starts
    kind: str
    text: str
    choices: list = field(default_factory=list)  # [[text, correct], …]
    answer: bool = False  # true/false questions only
    explanation: str = ""
    tags: list = field(default_factory=list)  # ["tt02:1.1", …]

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(**data)

    def content(self):
        """Comparable with a stored question's (round trips, tests)."""
        return {
            "type": self.kind,
            "text": self.text,
            "choices": [{"text": t, "correct": c} for t, c in self.choices],
            "answer": self.answer if self.kind == TRUE_FALSE else None,
            "explanation": self.explanation,
            "tags": sorted(self.tags),
        }


@dataclass(frozen=True)
class Problem:
    """What is wrong and how to fix it, where the editor will find it."""

    line: int | None  # None: about the file as a whole
    column: str  # a spreadsheet's header text, or ""
    message: str  # lazy


@dataclass
class ParsedQuestions:
    format: str  # "xlsx", "csv", "gift" or "aiken"
    questions: list
    problems: list

    @property
    def ok(self):
        return bool(self.questions) and not self.problems


# ---------------------------------------------------------------- messages

M_NO_TEXT = _("The question has no text. Write it, or delete the row.")
M_TOO_LONG = _("The text is longer than %(limit)s characters. Shorten it.")
M_FEW_CHOICES = _("Give at least two choices.")
M_CHOICE_TOO_LONG = _(
    "Choice %(letter)s is longer than %(limit)s characters. Shorten it."
)
M_SINGLE_NOT_ONE = _(
    "A question with a single correct answer needs exactly one correct choice "
    "(%(count)s are marked)."
)
M_NONE_CORRECT = _("No choice is marked correct.")
M_UNKNOWN_TAG = _(
    "Unknown competence tag “%(key)s”. Write tags as framework:code, for example "
    "tt02:1.1 or qd757:2.3, separated by commas."
)
M_TOO_MANY = _(
    "The file has more than %(limit)s questions. Split it into several files."
)
M_NO_QUESTIONS = _("No question was found in the file.")


def letter(index):
    """A, B, … Z, AA, AB … as in the template's columns."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def check_question(question):
    """The problems that would stop this question being saved, as messages."""
    found = []
    if not question.text:
        return [M_NO_TEXT]
    if len(question.text) > MAX_TEXT_LENGTH:
        found.append(lazy_format(M_TOO_LONG, limit=MAX_TEXT_LENGTH))
    if len(question.explanation) > MAX_TEXT_LENGTH:
        found.append(lazy_format(M_TOO_LONG, limit=MAX_TEXT_LENGTH))
    if question.kind == TRUE_FALSE:
        return found
    if len(question.choices) < 2:
        found.append(M_FEW_CHOICES)
    for index, (text, _correct) in enumerate(question.choices):
        if len(text) > MAX_CHOICE_LENGTH:
            found.append(
                lazy_format(
                    M_CHOICE_TOO_LONG, letter=letter(index), limit=MAX_CHOICE_LENGTH
                )
            )
    correct = sum(1 for _text, right in question.choices if right)
    if question.kind == SINGLE and correct != 1 and correct:
        found.append(lazy_format(M_SINGLE_NOT_ONE, count=correct))
    elif not correct:
        found.append(M_NONE_CORRECT)
    return found


def check_all(parsed, column=""):
    """Add the shared checks' problems and those of unknown tags (one query)."""
    known = known_tag_keys({key for q in parsed.questions for key in q.tags})
    for question in parsed.questions:
        for message in check_question(question):
            parsed.problems.append(Problem(question.line, column, message))
        for key in question.tags:
            if key not in known:
                message = lazy_format(M_UNKNOWN_TAG, key=key)
                parsed.problems.append(Problem(question.line, column, message))
    if len(parsed.questions) > MAX_QUESTIONS:
        parsed.problems.append(
            Problem(None, "", lazy_format(M_TOO_MANY, limit=MAX_QUESTIONS))
        )
    if not parsed.questions and not parsed.problems:
        parsed.problems.append(Problem(None, "", M_NO_QUESTIONS))
    parsed.problems.sort(key=lambda p: (p.line is not None, p.line or 0))
    return parsed


def known_tag_keys(keys):
    """The keys among ``keys`` that name a competence tag."""
    if not keys:
        return set()
    pairs = [k.split(":", 1) for k in keys if ":" in k]
    frameworks = {f for f, _code in pairs}
    codes = {c for _f, c in pairs}
    found = CompetenceTag.objects.filter(framework__in=frameworks, code__in=codes)
    return {tag.key for tag in found} & set(keys)


def split_tags(text):
    """ "tt02:1.1, qd757:2.3; tt02:4" → keys, lower-cased framework, in order."""
    keys = []
    for part in text.replace(";", ",").replace("\n", ",").split(","):
        for word in part.split():
            framework, sep, code = word.partition(":")
            key = f"{framework.strip().lower()}:{code.strip()}" if sep else word
            if key not in keys:
                keys.append(key)
    return keys
