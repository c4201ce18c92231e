"""Moodle's GIFT text format: the subset our question kinds can hold.

Read: multiple choice ``{=right ~wrong}``, several right answers with weights
(``{~%50%a ~%50%b ~%-100%c}``), true/false ``{T}``/``{TRUE}``/``{F}``/``{FALSE}``,
``::title::`` (ignored: our questions have no title), ``//`` comment lines (a
``// [tag:tt02:1.1]`` comment carries competence tags, as Moodle writes them),
``$CATEGORY:`` lines (ignored), ``[html]``/``[plain]``… markers (dropped), the
escapes ``\\~ \\= \\# \\{ \\} \\: \\\\ \\n``, per-answer ``#feedback`` (dropped) and
general feedback ``####…`` (the explanation). The missing-word form puts "_____" where
the answers stood. Without "=" an answer block allows several right answers,
as in Moodle. Essay, short answer, numerical and matching questions are
line-numbered errors.
"""

import re

from django.utils.translation import gettext_lazy as _

from .base import (
    MULTIPLE,
    SINGLE,
    TRUE_FALSE,
    ImportedQuestion,
    ParsedQuestions,
    Problem,
)

_ESCAPES = {"\\": "\ue000", "~": "\ue001", "=": "\ue002", "#": "\ue003"}
_ESCAPES |= {"{": "\ue004", "}": "\ue005", ":": "\ue006"}
_RESTORE = {v: k for k, v in _ESCAPES.items()}
_ESCAPE = re.compile(r"\\([\\~=#{}:n])")
_TAG = re.compile(r"\[tag:([^\]\s]+)\]")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:[.,]\d+)?)%")
_TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)(#.*)?$", re.IGNORECASE | re.DOTALL)
BLANK = "_____"

M_NO_ANSWERS = _(
    "This question has no answer block {…}. Put the choices between braces, for "
    "example {=right ~wrong}."
)
M_UNCLOSED = _("The answer block opened with “{” is never closed with “}”.")
M_ESSAY = _("An essay question (empty braces {}) cannot be imported: it is not scored.")
M_NUMERICAL = _(
    "A numerical question ({#…}) cannot be imported. Rewrite it as multiple choice."
)
M_MATCHING = _(
    "A matching question (with “->”) cannot be imported. Rewrite it as multiple choice."
)
M_SHORT_ANSWER = _(
    "A short-answer question (only “=” answers, no “~”) cannot be imported. Add "
    "wrong choices with “~” to make it multiple choice."
)
M_EMPTY_CHOICE = _("A choice has no text after its “=” or “~”.")


def _protect(text):
    def replace(match):
        char = match.group(1)
        return "\n" if char == "n" else _ESCAPES[char]

    return _ESCAPE.sub(replace, text)


def _restore(text):
    return "".join(_RESTORE.get(c, c) for c in text).strip()


def _blocks(text):
    """(first line number, lines, tags) per question: blank lines separate them."""
    block, start, tags = [], None, []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            tags += _TAG.findall(stripped)
            continue
        if stripped.startswith("$CATEGORY:"):
            continue
        if not stripped:
            if block:
                yield start, block, tags
                block, tags = [], []
            continue
        if not block:
            start = number
        block.append(line)
    if block:
        yield start, block, tags


def _answers(body):
    """[(marker, weight or None, text)] of a multiple-choice answer block."""
    found = []
    for match in re.finditer(r"([=~])([^=~]*)", body):
        marker, rest = match.groups()
        weight = _WEIGHT.match(rest.strip())
        if weight:
            rest = rest.strip()[weight.end() :]
            weight = float(weight.group(1).replace(",", "."))
        text = rest.split("#", 1)[0]
        found.append((marker, weight, " ".join(_restore(text).split())))
    return found


def _question(start, lines, tags):
    """An ImportedQuestion, or a message saying why the block is not one."""
    source = _protect("\n".join(lines)).strip()
    if source.startswith("::"):
        end = source.find("::", 2)
        source = source[end + 2 :].strip() if end != -1 else source[2:]
    source = _FORMAT.sub("", source).strip()
    opening = source.find("{")
    if opening == -1:
        return M_NO_ANSWERS
    closing = source.find("}", opening)
    if closing == -1:
        return M_UNCLOSED
    before, body, after = (
        source[:opening],
        source[opening + 1 : closing],
        source[closing + 1 :],
    )
    text = _restore(before)
    if after.strip():
        text = f"{text} {BLANK} {_restore(after)}".strip()
    body, _sep, feedback = body.partition("####")
    body = body.strip()
    question = ImportedQuestion(
        line=start, kind=SINGLE, text=text, explanation=_restore(feedback), tags=tags
    )
    if not body:
        return M_ESSAY
    if body.startswith("#"):
        return M_NUMERICAL
    if "->" in body:
        return M_MATCHING
    true_false = _TRUE_FALSE.match(body)
    if true_false:
        question.kind = TRUE_FALSE
        question.answer = true_false.group(1).upper().startswith("T")
        return question
    answers = _answers(body)
    if not any(marker == "~" for marker, _w, _t in answers):
        return M_SHORT_ANSWER
    if any(not text for _m, _w, text in answers):
        return M_EMPTY_CHOICE
    question.choices = [
        [text, marker == "=" or (weight is not None and weight > 0)]
        for marker, weight, text in answers
    ]
    # As Moodle reads it: "=" marks the one right answer; weights alone allow several.
    right = sum(1 for _t, correct in question.choices if correct)
    single = any(marker == "=" for marker, _w, _t in answers) and right == 1
    question.kind = SINGLE if single else MULTIPLE
    return question


def read_gift(text):
    questions, problems = [], []
    for start, lines, tags in _blocks(text):
        result = _question(start, lines, [t.strip() for t in tags])
        if isinstance(result, ImportedQuestion):
            questions.append(result)
        else:
            problems.append(Problem(start, "", result))
    return ParsedQuestions("gift", questions, problems)


# ---------------------------------------------------------------- writing


def escape(text):
    text = re.sub(r"([\\~=#{}:])", r"\\\1", text.strip())
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _weight(count):
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def write_gift(questions, notes=()):
    out = [f"// {note}" for note in notes]
    for question in questions:
        out.append("")
        if question.tags:
            out.append("// " + " ".join(f"[tag:{key}]" for key in question.tags))
        feedback = f"####{escape(question.explanation)}" if question.explanation else ""
        if question.kind == TRUE_FALSE:
            answer = "TRUE" if question.answer else "FALSE"
            out.append(f"{escape(question.text)}{{{answer}{feedback}}}")
            continue
        out.append(escape(question.text) + "{")
        right = sum(1 for _t, correct in question.choices if correct)
        for text, correct in question.choices:
            if question.kind == SINGLE:
                out.append(f"\t{'=' if correct else '~'}{escape(text)}")
            else:
                weight = _weight(right) if correct else "-100"
                out.append(f"\t~%{weight}%{escape(text)}")
        if feedback:
            out.append(f"\t{feedback}")
        out.append("}")
    return ("\n".join(out).lstrip("\n") + "\n").encode("utf-8")
