"""Identical wrong-answer patterns (courses.integrity): which pairs are flagged.

Keys are random per attempt, so every paper here gets its own keys; questions and
choices are matched by bank id + version (or text) and the choice's stable "cid".
"""

import random

import pytest

from courses import integrity, quiz
from courses.integrity import Paper, flag_pairs
from courses.models import Enrolment
from courses.papers import draw_paper
from tests.courses.test_papers import make_bank
from tests.factories import UserFactory, build_course


def question(rng, qid, *, correct=0, n_choices=4, ver=1, text=None):
    """A snapshot entry as a drawn paper holds it, with fresh keys."""
    choices = [
        {"key": f"{rng.getrandbits(32):08x}", "cid": cid, "text": f"Lựa chọn {cid}"}
        for cid in range(n_choices)
    ]
    rng.shuffle(choices)
    return {
        "key": f"{rng.getrandbits(32):08x}",
        "type": "single_choice",
        "text": text or f"Câu hỏi {qid}?",
        "explanation": "",
        "choices": choices,
        "correct": [c["key"] for c in choices if c["cid"] == correct],
        "qid": qid,
        "ver": ver if qid is not None else None,
        "tags": [],
    }


def paper(attempt_id, learner, snapshot, picks):
    """``picks``: {qid or text: [cid, ...]} turned into this paper's keys."""
    answers = {}
    for entry in snapshot:
        ident = entry["qid"] if entry["qid"] is not None else entry["text"]
        if ident in picks:
            answers[entry["key"]] = [
                c["key"] for c in entry["choices"] if c["cid"] in picks[ident]
            ]
    return Paper(attempt_id, learner, snapshot, answers)


@pytest.fixture
def rng():
    return random.Random(15)  # noqa: S311 - reproducible test keys


def same_questions(rng, qids):
    return [question(rng, qid) for qid in qids]


def test_five_identical_wrong_answers_are_flagged(rng):
    qids = range(1, 11)
    wrong = {qid: [2] for qid in range(1, 6)}
    a = paper(1, "an", same_questions(rng, qids), wrong)
    b = paper(2, "binh", same_questions(rng, qids), wrong)
    [pair] = flag_pairs([a, b])
    assert (pair.first, pair.second, pair.count) == (1, 2, 5)
    assert [s.question["qid"] for s in pair.shared] == [1, 2, 3, 4, 5]
    assert all(s.chosen[0]["cid"] == 2 for s in pair.shared)


def test_four_identical_wrong_answers_are_not(rng):
    wrong = {qid: [2] for qid in range(1, 5)}
    a = paper(1, "an", same_questions(rng, range(1, 11)), wrong)
    b = paper(2, "binh", same_questions(rng, range(1, 11)), wrong)
    assert flag_pairs([a, b]) == []


def test_different_wrong_choices_do_not_count(rng):
    a = paper(1, "an", same_questions(rng, range(1, 11)), {q: [2] for q in range(1, 8)})
    picks = {q: [2] for q in range(1, 5)} | {q: [3] for q in range(5, 8)}
    b = paper(2, "binh", same_questions(rng, range(1, 11)), picks)
    assert flag_pairs([a, b]) == []  # only four the same


def test_right_answers_and_blanks_never_count(rng):
    right = {qid: [0] for qid in range(1, 11)}  # cid 0 is correct everywhere
    a = paper(1, "an", same_questions(rng, range(1, 11)), right)
    b = paper(2, "binh", same_questions(rng, range(1, 11)), right)
    c = paper(3, "chi", same_questions(rng, range(1, 11)), {})
    d = paper(4, "dung", same_questions(rng, range(1, 11)), {})
    assert flag_pairs([a, b, c, d]) == []


def test_a_question_edited_to_a_new_version_is_another_question(rng):
    wrong = {qid: [1] for qid in range(1, 6)}
    a = paper(1, "an", [question(rng, q, ver=1) for q in range(1, 6)], wrong)
    b = paper(2, "binh", [question(rng, q, ver=2) for q in range(1, 6)], wrong)
    assert flag_pairs([a, b]) == []


def test_questions_written_in_the_quiz_match_by_text(rng):
    texts = [f"Câu viết trong bài {n}?" for n in range(6)]
    make = lambda: [question(rng, None, text=t) for t in texts]  # noqa: E731
    wrong = {t: [3] for t in texts}
    [pair] = flag_pairs(
        [paper(1, "an", make(), wrong), paper(2, "binh", make(), wrong)]
    )
    assert pair.count == 6


def test_multiple_choice_must_match_as_a_whole(rng):
    def multi(qid):
        entry = question(rng, qid)
        entry["type"] = "multiple_choice"
        entry["correct"] = [c["key"] for c in entry["choices"] if c["cid"] in (0, 1)]
        return entry

    qids = range(1, 6)
    a = paper(1, "an", [multi(q) for q in qids], {q: [0, 2] for q in qids})
    b = paper(2, "binh", [multi(q) for q in qids], {q: [0, 2] for q in qids})
    c = paper(3, "chi", [multi(q) for q in qids], {q: [0, 3] for q in qids})
    assert [(p.first, p.second) for p in flag_pairs([a, b, c])] == [(1, 2)]


def test_one_learners_own_attempts_are_not_compared(rng):
    wrong = {qid: [2] for qid in range(1, 8)}
    first = paper(1, "an", same_questions(rng, range(1, 8)), wrong)
    again = paper(2, "an", same_questions(rng, range(1, 8)), wrong)
    assert flag_pairs([first, again]) == []


def test_pairs_come_most_shared_first(rng):
    qids = range(1, 11)
    a = paper(1, "an", same_questions(rng, qids), {q: [2] for q in qids})
    b = paper(2, "binh", same_questions(rng, qids), {q: [2] for q in range(1, 6)})
    c = paper(3, "chi", same_questions(rng, qids), {q: [2] for q in range(1, 9)})
    found = [(p.first, p.second, p.count) for p in flag_pairs([a, b, c])]
    assert found == [(1, 3, 8), (1, 2, 5), (2, 3, 5)]


def test_old_snapshots_without_cid_match_by_choice_text(rng):
    def old(qid):
        entry = question(rng, qid)
        for choice in entry["choices"]:
            choice.pop("cid")
        return entry

    qids = range(1, 6)
    papers = []
    for attempt_id, learner in ((1, "an"), (2, "binh")):
        snapshot = [old(q) for q in qids]
        answers = {
            e["key"]: [c["key"] for c in e["choices"] if c["text"] == "Lựa chọn 2"]
            for e in snapshot
        }
        papers.append(Paper(attempt_id, learner, snapshot, answers))
    assert flag_pairs(papers)[0].count == 5


@pytest.mark.django_db
def test_drawn_papers_compare_only_the_questions_both_were_served(home_page):
    """Two learners draw 8 of 12 bank questions each: they share some questions,
    not all. Same wrong choice on five shared questions is flagged; the questions
    only one of them saw never count, whatever was chosen there."""
    bank = make_bank(size=12)
    course, quiz_page = build_course(home_page, slug="rut-de-tin-hieu")
    quiz_page.questions = [("draw", {"bank": bank, "count": 8, "tag": None})]
    quiz_page.save_revision().publish()
    quiz_page.refresh_from_db()

    def shared_qids(seed_a, seed_b):
        a = {q["qid"] for q in draw_paper(quiz_page, seed_a)}
        b = {q["qid"] for q in draw_paper(quiz_page, seed_b)}
        return a & b, a ^ b

    seeds = next(
        (a, b)
        for a in range(50)
        for b in range(a + 1, 50)
        if len(shared_qids(a, b)[0]) == 6
    )
    shared, only_one = shared_qids(*seeds)
    assert only_one  # the papers really differ
    attempts = []
    for seed in seeds:
        enrolment = Enrolment.objects.create(user=UserFactory(), course=course)
        attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
        attempt.snapshot = draw_paper(quiz_page, seed)  # the papers chosen above
        attempt.save(update_fields=["snapshot"])
        attempts.append(attempt)

    def wrong_on(attempt, qids, cid=1):
        return {
            q["key"]: [c["key"] for c in q["choices"] if c["cid"] == cid]
            for q in attempt.snapshot
            if q["qid"] in qids
        }

    five = set(sorted(shared)[:5])
    papers = [
        Paper(a.pk, a.enrolment.user_id, a.snapshot, wrong_on(a, five | only_one))
        for a in attempts
    ]
    [pair] = flag_pairs(papers)
    assert {s.question["qid"] for s in pair.shared} == five

    four = set(sorted(shared)[:4])
    papers = [
        Paper(a.pk, a.enrolment.user_id, a.snapshot, wrong_on(a, four | only_one))
        for a in attempts
    ]
    assert flag_pairs(papers) == []
    assert integrity.MIN_SHARED == 5
