"""Item analysis of bank questions: choice shares per question version, and answers
per competence tag.

Bank results carry ``question`` and ``question_version`` (filled on submit), so a
version is recognised across different papers by those two columns. Choice keys
are drawn afresh per attempt, but each snapshot choice keeps ``cid`` (its place in
the editor's list of that version): the choices of a version are counted by cid,
with the label read from the snapshot. One query per table, whatever the size.
"""

from dataclasses import dataclass

from django.db import connection

from courses.models import CompetenceTag, QuestionResult, QuizAttempt

from .analysis import answer_counts

_RESULTS = QuestionResult._meta.db_table
_ATTEMPTS = QuizAttempt._meta.db_table

# Every choice shown in every bank result of the quiz, with whether it was picked
# and whether it is a correct one: grouped by (question, version, cid).
_CHOICES_SQL = {
    "postgresql": f"""
        SELECT r.question_id, r.question_version, (e ->> 'cid')::int AS cid,
               MIN(COALESCE(e ->> 'text', e ->> 'value')) AS label,
               SUM(CASE WHEN position(',' || (e ->> 'key') || ',' IN
                   ',' || r.selected || ',') > 0 THEN 1 ELSE 0 END) AS picks,
               MAX(CASE WHEN ((a.snapshot -> r.position::int) -> 'correct')
                   ? (e ->> 'key') THEN 1 ELSE 0 END) AS is_correct
        FROM {_RESULTS} r
        JOIN {_ATTEMPTS} a ON a.id = r.attempt_id
        CROSS JOIN LATERAL jsonb_array_elements(
            (a.snapshot -> r.position::int) -> 'choices') AS e
        WHERE r.quiz_id = %s AND r.question_id IS NOT NULL
        GROUP BY r.question_id, r.question_version, (e ->> 'cid')::int
    """,  # noqa: S608  (table names from the models; the quiz id is a parameter)
    "sqlite": f"""
        SELECT r.question_id, r.question_version,
               json_extract(c.value, '$.cid') AS cid,
               MIN(COALESCE(json_extract(c.value, '$.text'),
                   CASE json_extract(c.value, '$.value') WHEN 1 THEN 'true'
                   WHEN 0 THEN 'false' END)) AS label,
               SUM(instr(',' || r.selected || ',',
                   ',' || json_extract(c.value, '$.key') || ',') > 0) AS picks,
               MAX(EXISTS (SELECT 1 FROM json_each(a.snapshot,
                   '$[' || r.position || '].correct') AS k
                   WHERE k.value = json_extract(c.value, '$.key'))) AS is_correct
        FROM {_RESULTS} r
        JOIN {_ATTEMPTS} a ON a.id = r.attempt_id,
             json_each(a.snapshot, '$[' || r.position || '].choices') AS c
        WHERE r.quiz_id = %s AND r.question_id IS NOT NULL
        GROUP BY r.question_id, r.question_version, json_extract(c.value, '$.cid')
    """,  # noqa: S608
}


@dataclass
class ChoiceShare:
    cid: int
    label: str
    picks: int
    is_correct: bool
    answers: int = 0

    @property
    def percent(self):
        return round(100 * self.picks / self.answers) if self.answers else None


def choice_shares(quiz):
    """{(question_id, version): [ChoiceShare in the editor's order]} for ``quiz``."""
    sql = _CHOICES_SQL.get(connection.vendor)
    if sql is None:
        raise NotImplementedError(
            f"item analysis needs SQLite or PostgreSQL, not {connection.vendor}"
        )
    shares = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [quiz.pk])
        for qid, version, cid, label, picks, is_correct in cursor.fetchall():
            shares.setdefault((qid, version), []).append(
                ChoiceShare(
                    cid=int(cid) if cid is not None else -1,
                    label=str(label or ""),
                    picks=int(picks or 0),
                    is_correct=bool(is_correct),
                )
            )
    for choices in shares.values():
        choices.sort(key=lambda c: c.cid)
    return shares


@dataclass
class TagRow:
    framework: str
    code: str
    name: str
    answers: int
    correct: int

    @property
    def percent_correct(self):
        return round(100 * self.correct / self.answers) if self.answers else None

    @property
    def framework_short(self):
        return CompetenceTag.SHORT_NAMES.get(self.framework, self.framework)


def by_tag(results):
    """Answers and correct answers per competence tag of the bank questions behind
    ``results`` (a QuestionResult queryset): one GROUP BY through Question.tags.

    A result counts once under each tag its question carries now; results of
    questions written in the quiz, or without a tag, count under none.
    """
    rows = (
        results.filter(question__isnull=False)
        .values(
            "question__tags__framework",
            "question__tags__code",
            "question__tags__name",
            "question__tags__sort_order",
        )
        .annotate(**answer_counts())
        .order_by()
    )
    tags = [
        TagRow(
            framework=row["question__tags__framework"],
            code=row["question__tags__code"],
            name=row["question__tags__name"],
            answers=row["answers"],
            correct=row["correct"],
        )
        for row in sorted(
            rows,
            key=lambda r: (
                r["question__tags__framework"] or "",
                r["question__tags__sort_order"] or 0,
                r["question__tags__code"] or "",
            ),
        )
        if row["question__tags__code"] is not None
    ]
    return tags
