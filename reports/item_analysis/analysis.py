"""Item analysis: how each quiz question was answered, to find hard or broken ones.

Question and choice keys are drawn afresh for every attempt (so they say nothing
about order or correctness). A bank question is recognised across papers by its
result's ``question`` and ``question_version`` columns, one row per version; a
question written in the quiz page by its text in the attempt's frozen snapshot,
and a choice by its text there too. Both are read from the snapshot JSON inside
the database, so every figure is one GROUP BY, whatever the number of answers:
two queries per quiz, and a third for the choice shares per bank question version
(versions.py), which also counts answers per competence tag.
"""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Func, Min, Q
from django.utils.translation import gettext_lazy as _

from courses.models import QuestionResult

# Below this many answers a share says little; no flag is raised.
MIN_ANSWERS = 5
HARD_BELOW = 0.30
EASY_ABOVE = 0.95


class _SnapshotSQL(Func):
    """A per-vendor SQL fragment over ``attempt.snapshot`` at the result's position."""

    output_field = CharField()

    def __init__(self, **extra):
        super().__init__(F("attempt__snapshot"), F("position"), F("selected"), **extra)

    def _parts(self, compiler, connection):
        compiled = [compiler.compile(e) for e in self.source_expressions]
        params = []
        for _sql, p in compiled:
            params.extend(p)
        return [sql for sql, _p in compiled], params

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(
            f"item analysis needs SQLite or PostgreSQL, not {connection.vendor}"
        )


class _QuestionKey(_SnapshotSQL):
    """One key of the question as it was served (``key``: a fixed name, never a
    value from a request)."""

    key = ""

    def as_postgresql(self, compiler, connection, **extra):
        (snap, pos, _sel), params = self._parts(compiler, connection)
        return f"(({snap}) -> ({pos})::int) ->> '{self.key}'", params[:2]

    def as_sqlite(self, compiler, connection, **extra):
        (snap, pos, _sel), params = self._parts(compiler, connection)
        return f"json_extract({snap}, '$[' || {pos} || '].{self.key}')", params[:2]


class QuestionText(_QuestionKey):
    """The question's text as it was served."""

    key = "text"


class QuestionType(_QuestionKey):
    key = "type"


class SelectedLabel(_SnapshotSQL):
    """The texts of the chosen choices, sorted and joined with " + "
    (a true/false choice: its value)."""

    def as_postgresql(self, compiler, connection, **extra):
        (snap, pos, sel), params = self._parts(compiler, connection)
        # Only compiled column references are interpolated; no value is.
        sql = (
            "(SELECT string_agg(c.label, ' + ' ORDER BY c.label) FROM"  # noqa: S608
            " (SELECT COALESCE(e ->> 'text', e ->> 'value') AS label"
            f" FROM jsonb_array_elements((({snap}) -> ({pos})::int) -> 'choices') AS e"
            f" WHERE position(',' || (e ->> 'key') || ',' IN ',' || {sel} || ',') > 0"
            ") AS c)"
        )
        return sql, params

    def as_sqlite(self, compiler, connection, **extra):
        (snap, pos, sel), params = self._parts(compiler, connection)
        # Texts in a fixed order, so the same choices group together whatever
        # order the attempt showed them in.
        sql = (
            "(SELECT group_concat(label, ' + ') FROM"  # noqa: S608
            " (SELECT COALESCE(json_extract(c.value, '$.text'),"
            " CASE json_extract(c.value, '$.value') WHEN 1 THEN 'true'"
            " WHEN 0 THEN 'false' END) AS label"
            f" FROM json_each({snap}, '$[' || {pos} || '].choices') AS c"
            f" WHERE instr(',' || {sel} || ',', ',' || json_extract(c.value, '$.key')"
            " || ',') > 0 ORDER BY label))"
        )
        return sql, params


@dataclass
class ItemRow:
    text: str
    kind: str
    answers: int
    correct: int
    skipped: int
    order: int
    in_quiz: bool
    wrong_label: str = ""
    wrong_count: int = 0
    flags: list = field(default_factory=list)
    # Bank questions only: which question and version, and its choices' shares.
    question_id: int | None = None
    version: int | None = None
    current_version: int | None = None
    bank: str = ""
    choices: list = field(default_factory=list)

    @property
    def from_bank(self):
        return self.question_id is not None

    @property
    def is_old_version(self):
        return self.from_bank and self.version != self.current_version

    @property
    def share_correct(self):
        return self.correct / self.answers if self.answers else None

    @property
    def percent_correct(self):
        share = self.share_correct
        return None if share is None else round(100 * share)

    @property
    def wrong_share(self):
        return round(100 * self.wrong_count / self.answers) if self.answers else None


def choice_label(label):
    """True/false choices carry a value, not a text."""
    if label == "true":
        return str(_("True"))
    if label == "false":
        return str(_("False"))
    return label or ""


INLINE_TYPES = {"single_choice", "multiple_choice", "true_false"}


def current_question_order(quiz):
    """Where each question sits in the quiz as it stands (no query): a written
    question by its text, a fixed bank question by ("question", id), a draw by
    ("bank", id). Read from the raw stream so no chooser value is loaded."""
    order = {}
    for index, block in enumerate(quiz.questions.raw_data):
        kind, value = block["type"], block["value"]
        if kind in INLINE_TYPES:
            order.setdefault(value.get("question"), index)
        elif kind == "bank_question" and value is not None:
            order.setdefault(("question", value), index)
        elif kind == "draw" and isinstance(value, dict) and value.get("bank"):
            order.setdefault(("bank", value["bank"]), index)
    return order


def answer_counts():
    """Answers and correct answers of grouped results (one aggregate each)."""
    return {
        "answers": Count("id"),
        "correct": Count("id", filter=Q(is_correct=True)),
    }


def _place(order, row):
    """The slot a result row belongs to now, or None when it has none."""
    if row["question_id"] is None:
        return order.get(row["text"])
    place = order.get(("question", row["question_id"]))
    if place is None:
        place = order.get(("bank", row["question__bank_id"]))
    return place


def _ident(row):
    """One row per bank question version; one per text for written questions."""
    return (row["question_id"], row["question_version"], row["text"] or "")


def analyse(quiz):
    """One row per question ever served for ``quiz`` (per version for bank
    questions), in the quiz's current order."""
    from .versions import choice_shares

    results = QuestionResult.objects.filter(quiz=quiz)
    per_question = (
        results.annotate(text=QuestionText(), kind=QuestionType())
        .values(
            "question_id",
            "question_version",
            "question__bank_id",
            "question__bank__name",
            "question__version",
            "text",
            "kind",
        )
        .annotate(
            **answer_counts(),
            skipped=Count("id", filter=Q(selected="")),
            first_position=Min("position"),
        )
        .order_by()
    )
    wrong = (
        results.filter(is_correct=False)
        .exclude(selected="")
        .annotate(text=QuestionText(), label=SelectedLabel())
        .values("question_id", "question_version", "text", "label")
        .annotate(n=Count("id"))
        .order_by()
    )
    # The most chosen wrong answer per question: a pick among a few aggregate rows.
    top_wrong = {}
    for row in wrong:
        ident = _ident(row)
        best = top_wrong.get(ident)
        candidate = (row["n"], choice_label(row["label"]))
        # Ties go to the alphabetically first label, so the page is stable.
        if best is None or (candidate[0], _neg(candidate[1])) > (
            best[0],
            _neg(best[1]),
        ):
            top_wrong[ident] = candidate
    per_question = list(per_question)
    # The choice shares are read only when some bank question was answered.
    has_bank = any(row["question_id"] is not None for row in per_question)
    shares = choice_shares(quiz) if has_bank else {}
    order = current_question_order(quiz)
    rows = []
    for row in per_question:
        place = _place(order, row)
        item = ItemRow(
            text=row["text"] or "",
            kind=row["kind"] or "",
            answers=row["answers"],
            correct=row["correct"],
            skipped=row["skipped"],
            order=place if place is not None else len(order) + row["first_position"],
            in_quiz=place is not None,
            question_id=row["question_id"],
            version=row["question_version"],
            current_version=row["question__version"],
            bank=row["question__bank__name"] or "",
        )
        if _ident(row) in top_wrong:
            item.wrong_count, item.wrong_label = top_wrong[_ident(row)]
        for choice in shares.get((item.question_id, item.version), []):
            choice.label = choice_label(choice.label)
            choice.answers = item.answers
            item.choices.append(choice)
        item.flags = flags_for(item)
        rows.append(item)
    rows.sort(
        key=lambda r: (
            not r.in_quiz,
            r.order,
            r.question_id or 0,
            r.version or 0,
            r.text,
        )
    )
    return rows


def _neg(text):
    """Sort key that prefers the alphabetically first text on ties."""
    return tuple(-ord(ch) for ch in text)


def flags_for(item):
    if item.answers < MIN_ANSWERS:
        return []
    flags = []
    share = item.share_correct
    if share < HARD_BELOW:
        flags.append(("hard", _("Very few answer correctly")))
    elif share > EASY_ABOVE:
        flags.append(("easy", _("Almost everyone answers correctly")))
    if item.wrong_count > item.correct:
        flags.append(
            (
                "key",
                _(
                    "A wrong answer is chosen more often than the right one: "
                    "check the key"
                ),
            )
        )
    return flags
