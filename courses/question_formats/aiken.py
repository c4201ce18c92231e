"""The Aiken text format: one-correct-answer questions only.

    Mật khẩu nào mạnh nhất?
    A. 123456
    B) Tr@ng-Xanh-2025!
    ANSWER: B

A question is its text (one line, or several before the first choice), its choices
"A." or "A)" in order, then "ANSWER: X". Blank lines between questions are optional.
"""

import re

from django.utils.translation import gettext_lazy as _

from .base import (
    SINGLE,
    ImportedQuestion,
    ParsedQuestions,
    Problem,
    lazy_format,
    letter,
)

_CHOICE = re.compile(r"^([A-Z])\s*[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)

M_CHOICE_FIRST = _("A choice comes before any question text. Write the question first.")
M_CHOICE_ORDER = _(
    "Choice %(found)s should be choice %(expected)s: write the choices A, B, C … in "
    "order."
)
M_NO_ANSWER_LINE = _(
    "The question has no “ANSWER:” line. End each question with a line such as "
    "“ANSWER: B”."
)
M_ANSWER_FORM = _(
    "“ANSWER: %(value)s” must name exactly one choice letter, such as “ANSWER: B” "
    "(Aiken holds one correct answer; use the template or GIFT for several)."
)
M_ANSWER_MISSING_CHOICE = _(
    "“ANSWER: %(value)s” names a choice the question does not have."
)
M_ANSWER_WITHOUT_QUESTION = _("An “ANSWER:” line comes without a question above it.")


class _Reader:
    def __init__(self):
        self.questions, self.problems = [], []
        self.current = None

    def problem(self, line, message):
        self.problems.append(Problem(line, "", message))

    def unfinished(self):
        if self.current is not None:
            self.problem(self.current.line, M_NO_ANSWER_LINE)
            self.current = None

    def line(self, number, text):
        answer, choice = _ANSWER.match(text), _CHOICE.match(text)
        current = self.current
        if answer:
            self.answer(number, answer.group(1).strip())
        elif choice:
            if current is None:
                self.problem(number, M_CHOICE_FIRST)
                return
            expected = letter(len(current.choices))
            if choice.group(1) != expected:
                self.problem(
                    number,
                    lazy_format(
                        M_CHOICE_ORDER, found=choice.group(1), expected=expected
                    ),
                )
            current.choices.append([" ".join(choice.group(2).split()), False])
        elif current is not None and current.choices:
            self.unfinished()  # a new question began without an ANSWER line
            self.line(number, text)
        elif current is not None:
            current.text = f"{current.text}\n{text}"
        else:
            self.current = ImportedQuestion(line=number, kind=SINGLE, text=text)

    def answer(self, number, value):
        current, self.current = self.current, None
        if current is None:
            self.problem(number, M_ANSWER_WITHOUT_QUESTION)
            return
        if not re.fullmatch(r"[A-Z]", value.upper()):
            self.problem(number, lazy_format(M_ANSWER_FORM, value=value))
            return
        index = ord(value.upper()) - ord("A")
        if index >= len(current.choices):
            self.problem(number, lazy_format(M_ANSWER_MISSING_CHOICE, value=value))
            return
        current.choices[index][1] = True
        self.questions.append(current)


def read_aiken(text):
    reader = _Reader()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line:
            reader.line(number, line)
    reader.unfinished()
    return ParsedQuestions("aiken", reader.questions, reader.problems)


def aiken_can_hold(question):
    return question.kind == SINGLE


def write_aiken(questions):
    out = []
    for question in questions:
        out.append(" ".join(question.text.split()))
        right = "A"
        for index, (text, correct) in enumerate(question.choices):
            out.append(f"{letter(index)}. {' '.join(text.split())}")
            if correct:
                right = letter(index)
        out += [f"ANSWER: {right}", ""]
    return "\n".join(out).encode("utf-8")
