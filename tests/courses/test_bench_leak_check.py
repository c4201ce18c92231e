"""The answer-key check of benchmarks/exam_day.py (benchmarks/harness/leaks.py):
quiet on the real pages that keep the key, loud on the real page that shows it and
on the ways a page could give it away."""

import json
import re
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from courses.models import Enrolment, QuestionBank, QuizAttempt
from tests.factories import build_course

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from harness.bank import add_questions, exam_bank  # noqa: E402
from harness.leaks import AnswerKey, leaks_in, read_paper  # noqa: E402

pytestmark = pytest.mark.django_db

BANK = exam_bank(size=20)


def take(client, home_page, learner, **quiz_fields):
    """Start an attempt on a quiz drawing 8 of the benchmark's bank; returns
    (attempt url, attempt page html, attempt)."""
    bank = QuestionBank.objects.create(name="Ngân hàng thử")
    add_questions(bank, BANK)
    course, quiz_page = build_course(home_page, slug="rut-de-thu")
    quiz_page.questions = [("draw", {"bank": bank, "count": 8, "tag": None})]
    for name, value in quiz_fields.items():
        setattr(quiz_page, name, value)
    quiz_page.save_revision().publish()
    quiz_page.refresh_from_db()
    Enrolment.objects.create(user=learner, course=course)
    url = client.post(quiz_page.url + "bat-dau/")["Location"]
    return url, client.get(url).text, QuizAttempt.objects.latest("pk")


def wrong_answers(paper):
    return {q: [paper.wrong_keys(q)[0]] for q in paper.questions}


def test_the_paper_is_read_from_the_attempt_page(signed_in, home_page, learner):
    _url, page, attempt = take(signed_in, home_page, learner)
    paper = read_paper(page, AnswerKey(BANK))
    assert len(paper.questions) == 8
    for question in attempt.snapshot:
        assert sorted(paper.correct_keys(question["key"])) == sorted(
            question["correct"]
        )


def test_pages_that_keep_the_key_are_not_flagged(signed_in, home_page, learner):
    # The default review rule: answers only after passing or the last attempt.
    url, page, attempt = take(signed_in, home_page, learner)
    paper = read_paper(page, AnswerKey(BANK))
    assert leaks_in(page, paper) == []
    answers = wrong_answers(paper)
    saved = signed_in.post(
        reverse("courses:autosave", args=[attempt.pk]),
        json.dumps({"answers": answers}),
        content_type="application/json",
    )
    chosen = {k for keys in answers.values() for k in keys}
    assert leaks_in(saved.text, paper, chosen) == []
    assert leaks_in(signed_in.get(url).text, paper, chosen) == []
    signed_in.post(url + "nop/", answers)
    result = signed_in.get(url + "ket-qua/").text
    assert "Bạn chọn:" in result
    assert leaks_in(result, paper, chosen) == []


def test_a_result_page_showing_the_key_is_flagged(signed_in, home_page, learner):
    url, page, _attempt = take(
        signed_in, home_page, learner, review_answers="immediately"
    )
    paper = read_paper(page, AnswerKey(BANK))
    answers = wrong_answers(paper)
    signed_in.post(url + "nop/", answers)
    result = signed_in.get(url + "ket-qua/").text
    chosen = {k for keys in answers.values() for k in keys}
    reasons = leaks_in(result, paper, chosen)
    assert "explanation" in reasons
    assert "marker (đáp án đúng)" in reasons
    assert "correct choice text told apart" in reasons
    # The same page with the literal markers gone still tells the key by its shape.
    bare = re.sub(r"LOIGIAI-[0-9a-f]+", "", result).replace("(đáp án đúng)", "✓")
    assert leaks_in(bare, paper, chosen) == ["correct choice text told apart"]


@pytest.mark.parametrize(
    "forge",
    [
        # an attribute on the correct input
        lambda page, key, text: page.replace(
            f'value="{key}"', f'value="{key}" class="ok"'
        ),
        # the key in a script
        lambda page, key, text: page.replace(
            "</form>", f"<script>k=['{key}']</script></form>"
        ),
        # the correct text repeated as a hint under the question
        lambda page, key, text: page.replace(
            "</fieldset>", f"<p>Gợi ý: {text}</p></fieldset>", 1
        ),
    ],
    ids=["attribute", "script", "hint"],
)
def test_an_attempt_page_telling_a_correct_choice_is_flagged(
    signed_in, home_page, learner, forge
):
    _url, page, _attempt = take(signed_in, home_page, learner)
    paper = read_paper(page, AnswerKey(BANK))
    question = sorted(paper.questions)[0]
    key = paper.correct_keys(question)[0]
    forged = forge(page, key, paper.choices[key].label)
    assert forged != page
    assert leaks_in(forged, paper) != []


def test_an_autosave_reply_with_the_key_is_flagged(signed_in, home_page, learner):
    _url, page, _attempt = take(signed_in, home_page, learner)
    paper = read_paper(page, AnswerKey(BANK))
    question = sorted(paper.questions)[0]
    correct = paper.correct_keys(question)
    assert leaks_in(json.dumps({"saved_at": "10:00:00", "ok": correct}), paper)
    assert leaks_in(json.dumps({"saved_at": "10:00:00", "is_correct": True}), paper)
    assert leaks_in(json.dumps({"saved_at": "10:00:00"}), paper) == []
