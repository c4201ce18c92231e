"""Does a response tell a learner the answer key? (Pure Python, no Django.)

The benchmark seeds a bank it knows: every choice text is unique in the bank and
says nothing about correctness, and every explanation carries a secret token. From
the attempt page it learns the paper (which opaque choice key carries which text,
hence which keys are correct on this attempt). A response then leaks when, before
the review rule allows answers, it contains:

* an explanation's token (explanations are shown with the correct answers);
* a literal marker of the correct answer ("(correct answer)", ``data-correct``, a
  JSON field named like ``correct``/``explanation``/``solution``…);
* the correct choices told apart from the wrong ones, whatever the marker: each
  choice text and each choice key is looked at where it occurs (its HTML element,
  or the characters around a key, with texts and keys blanked out), and a correct
  choice the learner did not pick must look exactly like the wrong ones. A tick, a
  class, a badge, an extra line "Answer: …", a key in a script: all differ.

What the learner picked may be marked ("Your choice"), and whether each question
was right or wrong may be shown: those are compared only among unpicked choices.
"""

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field

SECRET = re.compile(r"LOIGIAI-[0-9a-f]{10}")
MARKERS = (
    "(correct answer)",
    "(đáp án đúng)",
    "data-correct",
    "data-answer",
    '"correct"',
    "'correct'",
    "is_correct_choice",
    "answer_key",
)
JSON_FIELDS = re.compile(r"correct|explanation|solution|answer_?key", re.IGNORECASE)
KEY = re.compile(r"\b[0-9a-f]{8}\b")
TAG = re.compile(r"<[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
LABEL = re.compile(r'<label\b[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>', re.S | re.I)
# Where an element around a choice text starts and ends.
OPENERS = re.compile(r"<(?:li|label|div|p|td|option|span|button)\b|\n", re.I)
CLOSERS = re.compile(r"</(?:li|label|div|p|td|option|button)>|\n", re.I)


def normal(text):
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


@dataclass(frozen=True)
class Choice:
    question: int  # the bank question's index
    label: str
    correct: bool


class AnswerKey:
    """What the benchmark knows of its bank: a list of questions
    ``{"text", "explanation", "choices": [{"text", "correct"}]}``."""

    def __init__(self, bank):
        self.by_label = {}
        for index, question in enumerate(bank):
            for choice in question["choices"]:
                label = normal(choice["text"])
                if label in self.by_label:
                    raise ValueError(f"choice text used twice: {label}")
                self.by_label[label] = Choice(index, label, bool(choice["correct"]))


@dataclass
class Paper:
    """One attempt as served: choice key -> Choice, question key -> choice keys."""

    choices: dict = field(default_factory=dict)
    questions: dict = field(default_factory=dict)

    @property
    def identity(self):
        """Which bank questions, in any order: the same set is the same paper."""
        return frozenset(c.question for c in self.choices.values())

    def correct_keys(self, question_key):
        return [k for k in self.questions[question_key] if self.choices[k].correct]

    def wrong_keys(self, question_key):
        return [k for k in self.questions[question_key] if not self.choices[k].correct]


def read_paper(page, key):
    """The paper of an attempt page: radio/checkbox inputs named by question key,
    valued by choice key, labelled by the choice text. Unknown texts: ValueError."""
    ids = {}
    paper = Paper()
    for tag in INPUT.findall(page):
        attrs = dict(ATTRIBUTE.findall(tag))
        if attrs.get("type") not in {"radio", "checkbox"}:
            continue
        paper.questions.setdefault(attrs["name"], []).append(attrs["value"])
        ids[attrs.get("id", "")] = attrs["value"]
    for for_id, text in LABEL.findall(page):
        if for_id not in ids:
            continue
        label = normal(text)
        if label not in key.by_label:
            raise ValueError(f"a choice the bank does not have: {label!r}")
        paper.choices[ids[for_id]] = key.by_label[label]
    missing = {k for keys in paper.questions.values() for k in keys} - set(
        paper.choices
    )
    if missing:
        raise ValueError(f"choices without a label: {sorted(missing)}")
    return paper


def _element_around(body, start, end):
    """The element a text occurs in, cut at tag boundaries, as a pattern."""
    before = body[max(0, start - 160) : start]
    openers = list(OPENERS.finditer(before))
    before = before[openers[-1].start() :] if openers else before[-80:]
    after = body[end : end + 200]
    closer = CLOSERS.search(after)
    after = after[: closer.end()] if closer else after[:120]
    return before, after


def _signatures(body, needles, blank):
    """For each needle, a Counter of the places it occurs (needles blanked)."""
    found = {}
    for needle in needles:
        places = Counter()
        for match in re.finditer(re.escape(needle), body):
            before, after = _element_around(body, match.start(), match.end())
            places[(blank(before), blank(after))] += 1
        found[needle] = frozenset(places.items())
    return found


def leaks_in(body, paper, picked=()):
    """Reasons ``body`` (a response's text, headers included if wanted) gives away
    the key of ``paper``; empty when it does not. ``picked``: the choice keys the
    learner chose (their own choices may be shown as chosen)."""
    reasons = []
    if SECRET.search(body):
        reasons.append("explanation")
    reasons += [f"marker {m}" for m in MARKERS if m in body]
    reasons += _json_fields(body)

    picked = set(picked)
    labels = {c.label: k for k, c in paper.choices.items()}
    escaped = {html.escape(label, quote=True): k for label, k in labels.items()}
    texts = {**labels, **escaped}

    any_text = re.compile(
        "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    )

    def blank(text):
        return " ".join(KEY.sub("#", any_text.sub("¶", text)).split())

    by_text = _signatures(body, texts, blank)
    by_key = _signatures(body, paper.choices, blank)
    for name, signatures, of_key in (
        ("choice text", by_text, lambda needle: texts[needle]),
        ("choice key", by_key, lambda needle: needle),
    ):
        unpicked = {n: s for n, s in signatures.items() if of_key(n) not in picked}
        wrong = {s for n, s in unpicked.items() if not paper.choices[of_key(n)].correct}
        for needle, signature in unpicked.items():
            if not paper.choices[of_key(needle)].correct or not signature:
                continue
            if signature not in wrong:
                reasons.append(f"correct {name} told apart")
                break
    return reasons


def _json_fields(body):
    try:
        data = json.loads(body)
    except ValueError:
        return []
    found = []

    def walk(value):
        if isinstance(value, dict):
            for name, inner in value.items():
                if JSON_FIELDS.search(str(name)):
                    found.append(f"JSON field {name}")
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(data)
    return found
