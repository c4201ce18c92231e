"""Between ImportedQuestion and the database: save a file's questions, read a bank's."""

from django.db import transaction

from ..models import CompetenceTag, Question
from .base import TRUE_FALSE, ImportedQuestion


def bank_questions(bank):
    """The bank's questions as ImportedQuestion, in the bank's order (2 queries)."""
    found = []
    for question in bank.questions.prefetch_related("tags").order_by("pk"):
        found.append(
            ImportedQuestion(
                line=question.pk,
                kind=question.kind,
                text=question.text,
                choices=[[c["text"], c["correct"]] for c in question.choice_list()],
                answer=question.answer if question.kind == TRUE_FALSE else False,
                explanation=question.explanation,
                tags=sorted(tag.key for tag in question.tags.all()),
            )
        )
    return found


def create_questions(bank, questions):
    """Create every question or none; returns how many were created.

    The questions were checked when the file was read; ``full_clean`` checks them
    again against the model, so that a forged or stale preview cannot slip past.
    """
    keys = {key for q in questions for key in q.tags}
    tags = {
        tag.key: tag
        for tag in CompetenceTag.objects.filter(
            code__in={k.split(":", 1)[-1] for k in keys}
        )
        if tag.key in keys
    }
    missing = keys - set(tags)
    if missing:
        raise ValueError(f"unknown tags {sorted(missing)}")
    with transaction.atomic():
        for item in questions:
            question = Question(
                bank=bank,
                kind=item.kind,
                text=item.text,
                choices=[
                    ("choice", {"text": text, "correct": correct})
                    for text, correct in item.choices
                ],
                answer=item.answer,
                explanation=item.explanation,
            )
            question.full_clean()
            question.save()
            if item.tags:
                question.tags.set([tags[key] for key in item.tags])
                question.save()  # a parental relation: written on save
    return len(questions)
