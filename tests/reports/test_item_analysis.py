"""Item analysis: per-question figures from hand-made QuestionResult rows."""

import random

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation

import reports.item_analysis.hooks  # noqa: F401  (registers the admin URLs and buttons)
from courses.models import (
    Enrolment,
    Question,
    QuestionBank,
    QuestionResult,
    QuizAttempt,
)
from courses.quiz import build_snapshot
from reports.item_analysis.analysis import analyse
from tests.factories import UserFactory, build_course

Q1 = "Mật khẩu nào mạnh nhất?"
Q2 = "Dấu hiệu lừa đảo?"
Q3 = "VNeID là ứng dụng định danh điện tử."
Q4 = "Khi nghi ngờ, nên làm gì?"


def _choice(question, text=None, value=None):
    for choice in question["choices"]:
        if text is not None and choice.get("text") == text:
            return choice["key"]
        if value is not None and choice.get("value") is value:
            return choice["key"]
    raise AssertionError(f"no choice {text or value} in {question['text']}")


def answer(attempt, picks):
    """Hand-made results: picks maps question text → list of choice texts/values."""
    by_text = {q["text"]: (position, q) for position, q in enumerate(attempt.snapshot)}
    rows = []
    for text, chosen in picks.items():
        position, question = by_text[text]
        keys = sorted(
            _choice(question, value=c) if isinstance(c, bool) else _choice(question, c)
            for c in chosen
        )
        rows.append(
            QuestionResult(
                attempt=attempt,
                quiz_id=attempt.quiz_id,
                question_key=question["key"],
                position=position,
                # As the engine records them: the bank question and version served.
                question_id=question.get("qid"),
                question_version=question.get("ver"),
                selected=",".join(keys),
                is_correct=keys == sorted(question["correct"]),
            )
        )
    QuestionResult.objects.bulk_create(rows)


def make_attempt(quiz, course, snapshot):
    learner = UserFactory()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=1,
        snapshot=snapshot,
        question_count=len(snapshot),
        submitted_at=timezone.now(),
    )


RIGHT = {
    Q1: ["Mật khẩu đúng: Tr@ng-Xanh-2026!"],
    Q2: ["Giục chuyển tiền gấp (đúng)", "Xin mã OTP (đúng)"],
    Q3: [True],
    Q4: ["Dừng lại và kiểm chứng (đúng)"],
}


def six_attempts():
    """Q1: 1 right, 3× "123456", 1× "ngaysinh", 1 blank. Q2: 5 right, 1 mixed.
    Q3: 6 right. Q4: 3 right, 3× "Làm theo ngay"."""
    q1 = [RIGHT[Q1], ["123456"], ["123456"], ["123456"], ["ngaysinh"], []]
    q2 = [RIGHT[Q2]] * 5 + [
        ["Giục chuyển tiền gấp (đúng)", "Gọi từ số tổng đài in trên thẻ"]
    ]
    q4 = [RIGHT[Q4]] * 3 + [["Làm theo ngay"]] * 3
    return [{Q1: q1[i], Q2: q2[i], Q3: RIGHT[Q3], Q4: q4[i]} for i in range(6)]


@pytest.fixture
def analysed_quiz(home_page):
    course, quiz = build_course(home_page)
    rng = random.Random(7)  # noqa: S311  (a repeatable shuffle)
    for n, picks in enumerate(six_attempts()):
        # Half the attempts saw the questions and choices shuffled: positions and
        # keys differ per attempt, the texts do not.
        quiz.shuffle_questions = quiz.shuffle_choices = n % 2 == 1
        attempt = make_attempt(quiz, course, build_snapshot(quiz, rng.getrandbits(63)))
        answer(attempt, picks)
    quiz.shuffle_questions = quiz.shuffle_choices = False
    # An old attempt at a question that has since been reworded.
    old = build_snapshot(quiz)[3:]
    old[0]["text"] = "Khi nghi ngờ thì làm gì? (bản cũ)"
    attempt = make_attempt(quiz, course, old)
    answer(attempt, {"Khi nghi ngờ thì làm gì? (bản cũ)": ["Làm theo ngay"]})
    return course, quiz


def test_figures_per_question(analysed_quiz, django_assert_num_queries):
    _course, quiz = analysed_quiz
    with translation.override("en"), django_assert_num_queries(2):
        rows = analyse(quiz)
    assert [r.text for r in rows] == [
        Q1,
        Q2,
        Q3,
        Q4,
        "Khi nghi ngờ thì làm gì? (bản cũ)",
    ]
    q1, q2, q3, q4, old = rows
    assert (q1.answers, q1.correct, q1.skipped) == (6, 1, 1)
    assert (q1.wrong_label, q1.wrong_count) == ("123456", 3)
    assert {code for code, _label in q1.flags} == {"hard", "key"}
    assert (q2.answers, q2.correct, q2.percent_correct) == (5 + 1, 5, 83)
    assert (
        q2.wrong_label == "Giục chuyển tiền gấp (đúng) + Gọi từ số tổng đài in trên thẻ"
    )
    assert q2.flags == []
    assert (q3.answers, q3.correct, q3.wrong_count) == (6, 6, 0)
    assert [code for code, _label in q3.flags] == ["easy"]
    assert (q4.correct, q4.wrong_label, q4.wrong_count, q4.flags) == (
        3,
        "Làm theo ngay",
        3,
        [],
    )
    assert not old.in_quiz and (old.answers, old.correct) == (1, 0)
    assert old.flags == []  # one answer is too few to judge


def test_true_false_wrong_answer_is_named(home_page):
    course, quiz = build_course(home_page)
    for _n in range(2):
        attempt = make_attempt(quiz, course, build_snapshot(quiz))
        answer(attempt, {Q3: [False]})
    with translation.override("en"):
        (row,) = analyse(quiz)
    assert (row.text, row.wrong_label, row.wrong_count) == (Q3, "False", 2)


def editor(username="bientap"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editor_sees_the_page_with_bounded_queries(
    analysed_quiz, client, django_assert_max_num_queries
):
    _course, quiz = analysed_quiz
    client.force_login(editor())
    url = reverse("reports_item_analysis:quiz", args=[quiz.pk])
    with django_assert_max_num_queries(30) as small:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert Q1 in body and "123456" in body
    # Ten times the answers: the same number of queries.
    course = quiz.get_parent().specific
    for _n in range(10):
        attempt = make_attempt(quiz, course, build_snapshot(quiz))
        answer(attempt, RIGHT)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_index_lists_editable_quizzes_and_links_them(analysed_quiz, client):
    _course, quiz = analysed_quiz
    client.force_login(editor())
    response = client.get(reverse("reports_item_analysis:index"))
    assert response.status_code == 200
    assert (
        reverse("reports_item_analysis:quiz", args=[quiz.pk])
        in response.content.decode()
    )
    assert response.context["quizzes"].get(pk=quiz.pk).submitted == 7
    # The admin's Reports menu lists it.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("reports_item_analysis:index") in home
    # The quiz's own admin page offers the analysis.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk]))
    assert (
        reverse("reports_item_analysis:quiz", args=[quiz.pk]) in edit.content.decode()
    )


def test_who_may_open_the_analysis(analysed_quiz, client):
    _course, quiz = analysed_quiz
    url = reverse("reports_item_analysis:quiz", args=[quiz.pk])
    assert client.get(url).status_code == 302  # anonymous → sign in
    learner = UserFactory(username="hocsinh")
    client.force_login(learner)
    assert client.get(url).status_code == 302  # no admin access
    # Admin access but no permission on the course pages: refused, and no list entry.
    reader = UserFactory(username="chixem")
    group = Group.objects.create(name="Chỉ xem")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    reader.groups.add(group)
    client.force_login(reader)
    refused = client.get(url)  # Wagtail turns the 403 into "back home, with a message"
    assert (refused.status_code, refused["Location"]) == (
        302,
        reverse("wagtailadmin_home"),
    )
    index = client.get(reverse("reports_item_analysis:index"))
    assert index.status_code == 200 and not index.context["quizzes"]
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("reports_item_analysis:index") not in home  # no menu entry
    assert (
        client.get(reverse("reports_item_analysis:quiz", args=[999999])).status_code
        == 404
    )


def test_bank_slots_and_draws_keep_their_place(home_page):
    """Quizzes made of bank slots (as migrated quizzes are) are analysed in the
    order of their slots, drawn questions at their draw."""
    course, quiz = build_course(home_page)
    bank = QuestionBank.objects.create(name="Ngân hàng cố định")
    pool = QuestionBank.objects.create(name="Ngân hàng rút")
    fixed = Question.objects.create(bank=bank, kind="true_false", text="Câu cố định")
    Question.objects.create(bank=pool, kind="true_false", text="Câu rút", answer=True)
    quiz.questions = [
        ("draw", {"bank": pool, "count": 1, "tag": None}),
        ("bank_question", fixed),
    ]
    quiz.save()
    for _n in range(2):
        attempt = make_attempt(quiz, course, build_snapshot(quiz))
        answer(attempt, {"Câu cố định": [False], "Câu rút": [False]})
    rows = analyse(quiz)
    assert [(r.text, r.in_quiz, r.correct) for r in rows] == [
        ("Câu rút", True, 0),
        ("Câu cố định", True, 2),
    ]
