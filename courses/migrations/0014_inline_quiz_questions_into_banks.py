"""Move the questions written inside quiz pages into question banks.

For each quiz with inline questions (single_choice / multiple_choice / true_false
blocks): one bank named "<course> — <quiz>", one bank question per inline block
(same text, choices in order with their correct marks, true/false answer,
explanation), and the quiz's stream rewritten to ``bank_question`` slots in the same
order, on the page row and in its latest revision (the editor opens that one).

Past results: attempts keep their snapshots, scores and per-question correctness
untouched. A past QuestionResult is linked to the new question (version 1) only when
the question it was served has the same type, text, choices and correct marks: a
question edited since then was a different version, and stays unlinked.

Reverse: a no-op. The banks stay and the quizzes keep their bank slots, which serve
and score the same questions; inline blocks remain allowed for new quizzes.
"""

import json
import uuid

from django.db import migrations

INLINE_TYPES = ("single_choice", "multiple_choice", "true_false")
NAME_LENGTH = 200  # QuestionBank.name
BATCH = 500
STEPLEN = 4  # treebeard's path step for Wagtail pages


def _choices(value):
    """The inline block's choices as [(text, correct)], either list format."""
    items = []
    for item in value.get("choices") or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            item = item["value"]  # ListBlock's current format: {"type", "value", "id"}
        if isinstance(item, dict):
            items.append((item.get("text") or "", bool(item.get("correct"))))
    return items


def _block_key(block):
    """What a learner is served and how it is scored, order aside."""
    value = block.get("value") or {}
    if block["type"] == "true_false":
        return ("true_false", value.get("question") or "", bool(value.get("answer")))
    return (block["type"], value.get("question") or "", tuple(sorted(_choices(value))))


def _served_key(entry):
    """The same, from an attempt's snapshot entry (choices there may be shuffled)."""
    correct = set(entry.get("correct") or [])
    choices = entry.get("choices") or []
    if entry.get("type") == "true_false":
        answer = any(
            c.get("value") is True and c.get("key") in correct for c in choices
        )
        return ("true_false", entry.get("text") or "", answer)
    return (
        entry.get("type"),
        entry.get("text") or "",
        tuple(sorted((c.get("text") or "", c.get("key") in correct) for c in choices)),
    )


def _bank_name(Page, QuestionBank, quiz):
    parent = Page.objects.filter(path=quiz.path[:-STEPLEN]).first()
    base = f"{parent.title} — {quiz.title}" if parent else quiz.title
    name, number = base[:NAME_LENGTH], 1
    while QuestionBank.objects.filter(name=name).exists():
        number += 1
        suffix = f" ({number})"
        name = base[: NAME_LENGTH - len(suffix)] + suffix
    return name


class Converter:
    """Turns one quiz's inline blocks into bank questions, each content once."""

    def __init__(self, apps, quiz):
        self.apps, self.quiz = apps, quiz
        self.bank = None
        self.by_key = {}  # block key -> Question pk (the first block with it)

    def _question(self, block):
        Question = self.apps.get_model("courses", "Question")
        if self.bank is None:
            QuestionBank = self.apps.get_model("courses", "QuestionBank")
            Page = self.apps.get_model("wagtailcore", "Page")
            self.bank = QuestionBank.objects.create(
                name=_bank_name(Page, QuestionBank, self.quiz),
                description=f"Câu hỏi chuyển từ bài kiểm tra “{self.quiz.title}”.",
            )
        value = block.get("value") or {}
        kind = block["type"]
        question = Question.objects.create(
            bank=self.bank,
            kind=kind,
            text=value.get("question") or "",
            explanation=value.get("explanation") or "",
            answer=bool(value.get("answer")) if kind == "true_false" else False,
            choices=[
                {
                    "type": "choice",
                    "value": {"text": text, "correct": correct},
                    "id": str(uuid.uuid4()),
                }
                for text, correct in (_choices(value) if kind != "true_false" else [])
            ],
            version=1,
        )
        self.by_key.setdefault(_block_key(block), question.pk)
        return question.pk

    def convert(self, stream, reuse):
        """The stream with inline blocks as bank slots; ``reuse`` maps blocks seen
        on the page row (by id) to their question, so a revision shares them."""
        slots, changed = [], False
        for block in stream:
            if not isinstance(block, dict) or block.get("type") not in INLINE_TYPES:
                slots.append(block)
                continue
            block_id = block.get("id") or str(uuid.uuid4())
            pk = reuse.get((block_id, _block_key(block)))
            if pk is None:
                pk = self._question(block)
                reuse[(block_id, _block_key(block))] = pk
            slots.append({"type": "bank_question", "value": pk, "id": block_id})
            changed = True
        return slots, changed


def _revision_stream(content):
    raw = (content or {}).get("questions")
    if isinstance(raw, str):
        try:
            return json.loads(raw), True
        except ValueError:
            return None, True
    return (raw if isinstance(raw, list) else None), False


def _link_results(apps, quiz, by_key):
    """Fill QuestionResult.question/version where the served question matches."""
    QuizAttempt = apps.get_model("courses", "QuizAttempt")
    QuestionResult = apps.get_model("courses", "QuestionResult")
    attempts = (
        QuizAttempt.objects.filter(quiz_id=quiz.pk, question_results__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("pk", "snapshot")
    )
    chunk = []
    for row in attempts.iterator(chunk_size=BATCH):
        chunk.append(row)
        if len(chunk) == BATCH:
            _link_chunk(QuestionResult, chunk, by_key)
            chunk = []
    if chunk:
        _link_chunk(QuestionResult, chunk, by_key)


def _link_chunk(QuestionResult, attempts, by_key):
    snapshots = {pk: snapshot or [] for pk, snapshot in attempts}
    results = QuestionResult.objects.filter(
        attempt_id__in=snapshots, question__isnull=True
    )
    changed = []
    for result in results:
        snapshot = snapshots[result.attempt_id]
        if result.position >= len(snapshot):
            continue
        entry = snapshot[result.position]
        if not isinstance(entry, dict) or entry.get("key") != result.question_key:
            continue
        pk = by_key.get(_served_key(entry))
        if pk is not None:
            result.question_id, result.question_version = pk, 1
            changed.append(result)
    QuestionResult.objects.bulk_update(
        changed, ["question", "question_version"], batch_size=BATCH
    )


def move_inline_questions(apps, schema_editor):
    QuizPage = apps.get_model("courses", "QuizPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for quiz in QuizPage.objects.order_by("path"):
        converter = Converter(apps, quiz)
        reuse = {}
        stream = list(quiz.questions.raw_data)
        slots, changed = converter.convert(stream, reuse)
        if changed:
            QuizPage.objects.filter(pk=quiz.pk).update(questions=slots)
        revision = Revision.objects.filter(pk=quiz.latest_revision_id).first()
        if revision is not None:
            revised, as_text = _revision_stream(revision.content)
            if revised is not None:
                new, revised_changed = converter.convert(revised, reuse)
                if revised_changed:
                    revision.content["questions"] = json.dumps(new) if as_text else new
                    revision.save(update_fields=["content"])
        if converter.by_key:
            _link_results(apps, quiz, converter.by_key)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0013_quiz_attempt_focus_signals"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(move_inline_questions, migrations.RunPython.noop),
    ]
