"""Papers: the questions one attempt is served, drawn from the quiz's slots.

A quiz is a list of slots (courses.blocks.QuizQuestionsBlock): a question written in
the quiz, a fixed question from a bank, or "N at random from bank B (with tag T)".
Each attempt draws its own paper from a seed kept on the attempt, and the paper is
frozen in the attempt's snapshot: texts, the order shown, opaque per-attempt keys,
the correct keys, and for bank questions the question's id, version and tags, which
is what lets item analysis compare one question version across different papers.

Snapshot entry: {"key", "type", "text", "explanation", "choices": [{"key", "cid",
"text" | "value"}], "correct": [keys], "qid", "ver", "tags": [tag keys
"framework:code"]}; ``cid`` is the choice's place in the editor's list (true/false:
0 true, 1 false), stable across attempts where keys are not.
"""

import random
import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Question

TRUE_FALSE = "true_false"
INLINE_TYPES = {"single_choice", "multiple_choice", "true_false"}


def new_seed():
    return secrets.randbits(63)


def _key(rng):
    """An opaque key: it says nothing about order or correctness."""
    return f"{rng.getrandbits(32):08x}"


def _entry(rng, *, kind, text, explanation, choices, answer, shuffle):
    """One served question. ``choices`` [{"text", "correct"}] (not for true/false)."""
    if kind == TRUE_FALSE:
        served = [
            {"key": _key(rng), "cid": 0, "value": True},
            {"key": _key(rng), "cid": 1, "value": False},
        ]
        correct = [served[0 if answer else 1]["key"]]
    else:
        served = [
            {"key": _key(rng), "cid": cid, "text": c["text"]}
            for cid, c in enumerate(choices)
        ]
        correct = [served[i]["key"] for i, c in enumerate(choices) if c["correct"]]
        if shuffle:
            rng.shuffle(served)
    return {
        "key": _key(rng),
        "type": kind,
        "text": text,
        "explanation": explanation or "",
        "choices": served,
        "correct": correct,
        "qid": None,
        "ver": None,
        "tags": [],
    }


def _inline(rng, block, shuffle):
    value = block.value
    return _entry(
        rng,
        kind=block.block_type,
        text=value["question"],
        explanation=value.get("explanation"),
        choices=[
            {"text": c["text"], "correct": bool(c["correct"])}
            for c in value.get("choices", [])
        ],
        answer=value.get("answer"),
        shuffle=shuffle,
    )


def _from_bank(rng, question, shuffle):
    entry = _entry(
        rng,
        kind=question.kind,
        text=question.text,
        explanation=question.explanation,
        choices=question.choice_list(),
        answer=question.answer,
        shuffle=shuffle,
    )
    entry.update(
        qid=question.pk,
        ver=question.version,
        tags=sorted(tag.key for tag in question.tags.all()),
    )
    return entry


def _draw_pool(draw):
    pool = Question.objects.in_use().filter(bank=draw["bank"])
    if draw.get("tag") is not None:
        pool = pool.filter(tags=draw["tag"])
    return pool


def draw_paper(quiz, seed):
    """The paper for one attempt: a list of snapshot entries (see the module doc).

    The same seed over unchanged slots and banks gives the same paper. A draw
    never repeats a question fixed or drawn earlier in the paper; a bank with too
    few questions gives what it has (the page's validation warns the editor).
    """
    rng = random.Random(seed)  # noqa: S311  (the seed is secret and server-side)
    slots = list(quiz.questions)
    fixed_ids = {
        b.value.pk
        for b in slots
        if b.block_type == "bank_question" and b.value is not None
    }
    # Decide every slot's questions first, then load them all in one query.
    plan, taken = [], set(fixed_ids)
    for block in slots:
        if block.block_type == "draw" and block.value["bank"] is not None:
            pool = sorted(
                set(_draw_pool(block.value).values_list("pk", flat=True)) - taken
            )
            picked = rng.sample(pool, min(block.value["count"], len(pool)))
            taken.update(picked)
            plan.append(("draw", picked))
        elif block.block_type == "bank_question" and block.value is not None:
            plan.append(("fixed", [block.value.pk]))
        elif block.block_type in INLINE_TYPES:
            plan.append(("inline", block))
    questions = Question.objects.filter(pk__in=taken).prefetch_related("tags")
    by_id = {q.pk: q for q in questions}
    paper = []
    for kind, item in plan:
        if kind == "inline":
            paper.append(_inline(rng, item, quiz.shuffle_choices))
            continue
        for pk in item:
            question = by_id.get(pk)
            if question is not None:
                # Drawn questions always have their choices shuffled.
                shuffle = quiz.shuffle_choices or kind == "draw"
                paper.append(_from_bank(rng, question, shuffle))
    if quiz.shuffle_questions:
        rng.shuffle(paper)
    return paper


def paper_length(quiz):
    """How many questions a paper of this quiz has (draws counted as asked)."""
    total = 0
    for block in quiz.questions:
        if block.block_type == "draw":
            total += block.value["count"] or 0
        elif block.block_type in INLINE_TYPES or block.value is not None:
            total += 1
    return total


def check_slots(quiz):
    """Editors' errors in the slots, as a list of messages (empty when fine):
    a draw asking for more questions than its bank has in use."""
    errors = []
    for number, block in enumerate(quiz.questions, start=1):
        if block.block_type != "draw" or block.value["bank"] is None:
            continue
        available = _draw_pool(block.value).count()
        if block.value["count"] > available:
            errors.append(
                _(
                    "Slot %(n)s draws %(count)s questions but “%(bank)s” has only "
                    "%(available)s in use."
                )
                % {
                    "n": number,
                    "count": block.value["count"],
                    "bank": block.value["bank"],
                    "available": available,
                }
            )
    return errors


def validate_slots(quiz):
    errors = check_slots(quiz)
    if errors:
        raise ValidationError({"questions": errors})
