"""Papers drawn from question banks: random per attempt, frozen in the snapshot,
reproducible from the attempt's seed, versioned when a question is edited."""

import pytest
from django.core.exceptions import ValidationError

from courses import quiz
from courses.models import (
    CompetenceTag,
    Enrolment,
    Question,
    QuestionBank,
    QuestionResult,
    QuizPage,
)
from courses.papers import draw_paper, paper_length
from tests.courses.conftest import correct_answers
from tests.factories import QuestionFactory, UserFactory, build_course

pytestmark = pytest.mark.django_db


def make_bank(name="Ngân hàng an toàn số", size=12, tag=None):
    bank = QuestionBank.objects.create(name=name)
    for n in range(size):
        QuestionFactory(
            bank=bank,
            text=f"Câu hỏi số {n}?",
            answers=[(f"Đúng {n}", True), (f"Sai {n}", False), (f"Sai nữa {n}", False)],
            tags=[tag] if tag is not None and n % 2 == 0 else None,
        )
    return bank


@pytest.fixture
def bank(db):
    return make_bank()


@pytest.fixture
def drawn_quiz(home_page, bank):
    course, quiz_page = build_course(home_page, slug="rut-de")
    quiz_page.questions = [("draw", {"bank": bank, "count": 5, "tag": None})]
    quiz_page.save_revision().publish()
    quiz_page.refresh_from_db()
    return course, quiz_page


def test_each_attempt_draws_its_own_paper_without_repeats(drawn_quiz):
    _course, quiz_page = drawn_quiz
    papers = [draw_paper(quiz_page, seed) for seed in range(30)]
    assert all(len(p) == 5 for p in papers)
    assert all(len({q["qid"] for q in p}) == 5 for p in papers)
    assert len({tuple(sorted(q["qid"] for q in p)) for p in papers}) > 20
    assert paper_length(quiz_page) == 5


def test_the_same_seed_draws_the_same_paper(drawn_quiz):
    _course, quiz_page = drawn_quiz
    assert draw_paper(quiz_page, 1234) == draw_paper(quiz_page, 1234)
    assert draw_paper(quiz_page, 1234) != draw_paper(quiz_page, 4321)


def test_the_attempt_keeps_its_paper_when_the_bank_changes(drawn_quiz, bank):
    course, quiz_page = drawn_quiz
    learner = UserFactory()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    assert attempt.seed is not None
    # The paper can be told again from the seed while the bank is unchanged…
    assert draw_paper(quiz_page, attempt.seed) == attempt.snapshot
    answers = correct_answers(attempt)
    served = attempt.snapshot[0]
    # …and the editor then rewrites the served question's key and retires another.
    question = Question.objects.get(pk=served["qid"])
    question.choices = [
        ("choice", {"text": "Đáp án mới", "correct": True}),
        ("choice", {"text": "Đúng cũ", "correct": False}),
    ]
    question.save()
    assert question.version == served["ver"] + 1
    Question.objects.filter(pk=attempt.snapshot[1]["qid"]).update(in_use=False)

    attempt.refresh_from_db()
    outcome = quiz.submit_attempt(attempt, answers)
    assert outcome.attempt.score == 100
    rows = QuestionResult.objects.filter(attempt=attempt)
    assert {(r.question_id, r.question_version) for r in rows} == {
        (q["qid"], q["ver"]) for q in attempt.snapshot
    }


def test_saving_without_a_change_keeps_the_version(bank):
    question = bank.questions.first()
    question.save()
    question.in_use = False
    question.save()
    assert question.version == 1
    question.text = "Câu hỏi đã sửa?"
    question.save()
    assert question.version == 2


def test_a_draw_never_repeats_a_fixed_question_and_respects_the_tag(home_page):
    tag = CompetenceTag.objects.create(
        framework=CompetenceTag.Framework.LEARNER, code="9.9", name="Thử"
    )
    bank = make_bank(name="Có thẻ", size=10, tag=tag)
    course, quiz_page = build_course(home_page, slug="co-the")
    fixed = bank.questions.filter(tags=tag).first()
    quiz_page.questions = [
        ("bank_question", fixed),
        ("draw", {"bank": bank, "count": 4, "tag": tag}),
    ]
    quiz_page.save_revision().publish()
    quiz_page.refresh_from_db()
    tagged = set(bank.questions.filter(tags=tag).values_list("pk", flat=True))
    for seed in range(20):
        paper = draw_paper(quiz_page, seed)
        assert paper[0]["qid"] == fixed.pk
        assert paper[0]["tags"] == ["tt02:9.9"]
        drawn = [q["qid"] for q in paper[1:]]
        assert len(drawn) == 4 and fixed.pk not in drawn
        assert set(drawn) <= tagged


def test_a_draw_bigger_than_its_bank_is_refused_on_save(home_page, bank):
    _course, quiz_page = build_course(home_page, slug="qua-nhieu")
    quiz_page.questions = [("draw", {"bank": bank, "count": 50, "tag": None})]
    with pytest.raises(ValidationError) as error:
        quiz_page.full_clean()
    assert "50" in str(error.value)
    assert QuizPage.objects.get(pk=quiz_page.pk).questions.raw_data[0]["type"] != "draw"


def test_a_bank_question_needs_a_sound_key(bank):
    question = Question(
        bank=bank,
        kind=Question.Kind.SINGLE,
        text="Hai đáp án đúng?",
        choices=[
            ("choice", {"text": "A", "correct": True}),
            ("choice", {"text": "B", "correct": True}),
        ],
    )
    with pytest.raises(ValidationError):
        question.full_clean()
