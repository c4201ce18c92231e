"""Identical wrong-answer patterns between attempts: a signal, never a verdict.

Two learners who pick the same wrong choice on many of the same questions may have
worked together, or may share a misunderstanding; a person judges which. Pure
functions over attempt snapshots and answers (no database), so the coordinator's
results page loads the attempts once and calls these.

Papers differ per attempt: a question is known by its bank id and version
(snapshot "qid"/"ver") or, for a question written in the quiz, by its type and text;
a choice by its stable "cid" (keys are random per attempt). A blank answer is not a
pattern, and a right answer never counts.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

MIN_SHARED = 5


@dataclass(frozen=True)
class Paper:
    """What an attempt was served and answered; ``learner`` keeps a learner's own
    attempts from being compared with each other."""

    attempt_id: int
    learner: object
    snapshot: list
    answers: dict


@dataclass(frozen=True)
class SharedWrong:
    """A question both got wrong the same way, as ``first``'s paper showed it."""

    position: int  # 1-based, on the first attempt's paper
    question: dict
    chosen: list  # the snapshot choices picked


@dataclass
class FlaggedPair:
    first: int  # attempt ids, first < second
    second: int
    shared: list = field(default_factory=list)  # SharedWrong, in paper order

    @property
    def count(self):
        return len(self.shared)


def question_identity(question):
    if question.get("qid") is not None:
        return ("bank", question["qid"], question.get("ver"))
    return ("text", question.get("type"), question.get("text"))


def _choice_identity(choice):
    # Snapshots from before drawn papers have no "cid": the text stands in.
    if "cid" in choice:
        return choice["cid"]
    return ("text", choice.get("text", choice.get("value")))


def wrong_marks(snapshot, answers):
    """{(question identity, chosen choice identities): SharedWrong} for every
    question answered, and answered wrong."""
    marks = {}
    for position, question in enumerate(snapshot, start=1):
        chosen = sorted(answers.get(question["key"]) or [])
        if not chosen or chosen == sorted(question["correct"]):
            continue
        choices = {c["key"]: _choice_identity(c) for c in question["choices"]}
        if not set(chosen) <= set(choices):
            continue  # not this paper's keys: nothing to compare
        picked = tuple(sorted((choices[k] for k in chosen), key=repr))
        marks[(question_identity(question), picked)] = SharedWrong(
            position=position,
            question=question,
            chosen=[c for c in question["choices"] if c["key"] in chosen],
        )
    return marks


def flag_pairs(papers, min_shared=MIN_SHARED):
    """Pairs of attempts of different learners whose wrong answers match on at
    least ``min_shared`` questions, most shared first."""
    learner_of, marks_of = {}, {}
    holders = defaultdict(list)  # mark -> attempt ids that carry it
    for paper in papers:
        learner_of[paper.attempt_id] = paper.learner
        marks_of[paper.attempt_id] = wrong_marks(paper.snapshot, paper.answers or {})
        for mark in marks_of[paper.attempt_id]:
            holders[mark].append(paper.attempt_id)
    shared = defaultdict(list)
    for mark, attempt_ids in holders.items():
        for first, second in combinations(sorted(attempt_ids), 2):
            if learner_of[first] != learner_of[second]:
                shared[(first, second)].append(marks_of[first][mark])
    flagged = [
        FlaggedPair(first, second, sorted(questions, key=lambda s: s.position))
        for (first, second), questions in shared.items()
        if len(questions) >= min_shared
    ]
    flagged.sort(key=lambda pair: (-pair.count, pair.first, pair.second))
    return flagged
