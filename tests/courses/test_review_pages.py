"""Review rules on the learner's pages: what each rule lets through, and when; no
response leaks correctness, the key or an explanation before the rule allows it."""

import json
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import quiz
from courses.attempt_review import by_tag
from courses.exam_windows import set_quiz_window
from courses.models import (
    CompetenceTag,
    CoursePage,
    Enrolment,
    QuestionBank,
    QuizAttempt,
    QuizPage,
)
from tests.courses.conftest import correct_answers, wrong_answers
from tests.factories import (
    LearnerMembershipFactory,
    OrganisationFactory,
    QuestionFactory,
    SchoolClassFactory,
    build_course,
)

pytestmark = pytest.mark.django_db

EXPLANATION = "GIAI-THICH-BI-MAT"
KEY_MARK = "(đáp án đúng)"
WRONG_MARKS = ('class="is-correct"', 'class="is-wrong"')


def shows_key(html):
    return EXPLANATION in html or KEY_MARK in html


def shows_which_wrong(html):
    return any(mark in html for mark in WRONG_MARKS)


def setup(home_page, learner, *, which_wrong="immediately", answers, limit=3):
    course, quiz_page = build_course(
        home_page, slug=f"on-tap-{answers}-{which_wrong}", attempt_limit=limit
    )
    QuizPage.objects.filter(pk=quiz_page.pk).update(
        review_which_wrong=which_wrong, review_answers=answers
    )
    quiz_page.refresh_from_db()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    return course, quiz_page, enrolment


def attempt(enrolment, quiz_page, course, pick):
    started = quiz.start_attempt(enrolment, quiz_page, course=course)
    return quiz.submit_attempt(started, pick(started)).attempt


def result_html(client, quiz_page, done):
    response = client.get(f"{quiz_page.url}lan/{done.pk}/ket-qua/")
    assert response.status_code == 200
    html = response.text
    assert f"{done.score:.0f}\u00a0%" in html  # the score, always
    return html


def test_immediately_shows_the_key_after_a_failed_attempt(
    signed_in, home_page, learner
):
    course, quiz_page, enrolment = setup(home_page, learner, answers="immediately")
    done = attempt(enrolment, quiz_page, course, wrong_answers)
    html = result_html(signed_in, quiz_page, done)
    assert shows_key(html) and shows_which_wrong(html)


def test_after_passing_opens_every_earlier_attempt(signed_in, home_page, learner):
    course, quiz_page, enrolment = setup(home_page, learner, answers="passed")
    first = attempt(enrolment, quiz_page, course, wrong_answers)
    html = result_html(signed_in, quiz_page, first)
    assert not shows_key(html)
    assert shows_which_wrong(html)  # "which were wrong" stays immediate
    assert "sẽ hiện khi bạn đạt." in html
    second = attempt(enrolment, quiz_page, course, wrong_answers)
    third = attempt(enrolment, quiz_page, course, correct_answers)
    assert third.passed and third.number == 3
    for done in (first, second, third):
        assert shows_key(result_html(signed_in, quiz_page, done))


def test_after_passing_never_comes_when_the_attempts_ran_out(
    signed_in, home_page, learner
):
    course, quiz_page, enrolment = setup(home_page, learner, answers="passed", limit=1)
    done = attempt(enrolment, quiz_page, course, wrong_answers)
    html = result_html(signed_in, quiz_page, done)
    assert not shows_key(html)
    assert "Bài kiểm tra này không hiện đáp án đúng." in html


def test_after_the_last_attempt(signed_in, home_page, learner):
    course, quiz_page, enrolment = setup(
        home_page, learner, answers="last_attempt", limit=2
    )
    first = attempt(enrolment, quiz_page, course, correct_answers)
    assert first.passed
    html = result_html(signed_in, quiz_page, first)
    assert not shows_key(html)  # passing is not the last attempt
    assert "khi bạn đã dùng hết số lần làm bài." in html
    last = attempt(enrolment, quiz_page, course, wrong_answers)
    for done in (first, last):
        assert shows_key(result_html(signed_in, quiz_page, done))


def test_after_the_last_attempt_never_comes_without_a_limit(
    signed_in, home_page, learner
):
    course, quiz_page, enrolment = setup(
        home_page, learner, answers="last_attempt", limit=None
    )
    for _ in range(4):
        done = attempt(enrolment, quiz_page, course, wrong_answers)
    html = result_html(signed_in, quiz_page, done)
    assert not shows_key(html)
    assert "Bài kiểm tra này không hiện đáp án đúng." in html


@pytest.mark.parametrize("last", ["passes", "fails"])
def test_after_passing_or_the_last_attempt(signed_in, home_page, learner, last):
    course, quiz_page, enrolment = setup(home_page, learner, answers="passed_or_last")
    first = attempt(enrolment, quiz_page, course, wrong_answers)
    second = attempt(enrolment, quiz_page, course, wrong_answers)
    for done in (first, second):
        assert not shows_key(result_html(signed_in, quiz_page, done))
    pick = correct_answers if last == "passes" else wrong_answers
    third = attempt(enrolment, quiz_page, course, pick)
    for done in (first, second, third):
        assert shows_key(result_html(signed_in, quiz_page, done))


def test_after_the_window_closes_for_the_class(signed_in, home_page, learner):
    course, quiz_page, enrolment = setup(home_page, learner, answers="window_closed")
    school = OrganisationFactory(kind="school")
    school_class = SchoolClassFactory(organisation=school)
    LearnerMembershipFactory(user=learner, school_class=school_class)
    # No window for the class yet (a practice quiz): nothing ever "closes".
    done = attempt(enrolment, quiz_page, course, correct_answers)
    html = result_html(signed_in, quiz_page, done)
    assert not shows_key(html)
    assert "khi bài kiểm tra đã đóng với lớp của bạn." in html
    set_quiz_window(school_class, quiz_page, is_open=True)
    assert not shows_key(result_html(signed_in, quiz_page, done))
    set_quiz_window(school_class, quiz_page, is_open=False)
    assert shows_key(result_html(signed_in, quiz_page, done))


def test_never_shows_only_the_score(signed_in, home_page, learner):
    course, quiz_page, enrolment = setup(
        home_page, learner, which_wrong="never", answers="never", limit=2
    )
    attempt(enrolment, quiz_page, course, wrong_answers)
    done = attempt(enrolment, quiz_page, course, correct_answers)
    html = result_html(signed_in, quiz_page, done)
    assert "100\u00a0%" in html and "Đạt." in html
    assert not shows_key(html) and not shows_which_wrong(html)
    assert "Bài kiểm tra này không cho biết câu nào bạn làm sai." in html
    # The learner's own choices are still theirs to see.
    assert "Bạn chọn:" in html


def test_no_response_leaks_before_the_rule_allows(signed_in, home_page, learner):
    """Everything a learner receives, on a quiz hiding both until passing."""
    course, quiz_page, enrolment = setup(
        home_page, learner, which_wrong="passed", answers="passed"
    )
    received = []
    response = signed_in.post(quiz_page.url + "bat-dau/")
    open_attempt = QuizAttempt.objects.get(enrolment=enrolment)
    url = response["Location"]
    received.append(signed_in.get(url).text)
    received.append(
        signed_in.post(
            reverse("courses:autosave", args=[open_attempt.pk]),
            json.dumps({"answers": wrong_answers(open_attempt)}),
            content_type="application/json",
        ).text
    )
    response = signed_in.post(url + "nop/", wrong_answers(open_attempt), follow=True)
    received.append(response.text)  # the result page, after the redirect
    received.append(signed_in.get(quiz_page.url).text)  # the overview
    for body in received:
        assert not shows_key(body)
        assert not shows_which_wrong(body)
        assert "— <strong>" not in body  # no per-question verdict
    result = received[2]
    assert "0\u00a0%" in result
    assert "Những câu bạn làm sai sẽ hiện khi bạn đạt." in result
    assert "Những câu bạn làm sai sẽ hiện khi bạn đạt." in received[3]


def test_the_overview_tells_what_will_show_and_when(signed_in, home_page, learner):
    course, quiz_page, enrolment = setup(home_page, learner, answers="passed_or_last")
    html = signed_in.get(quiz_page.url).text
    assert (
        "Đáp án đúng và lời giải thích sẽ hiện khi bạn đạt hoặc đã dùng hết số lần "
        "làm bài." in html
    )
    attempt(enrolment, quiz_page, course, correct_answers)
    assert "Đáp án đúng và lời giải thích" not in signed_in.get(quiz_page.url).text


# ------------------------------------------------------------------ competence tags


@pytest.fixture
def tagged_quiz(home_page, learner):
    privacy = CompetenceTag.objects.create(
        framework="tt02", code="4.1", name="Bảo vệ thiết bị", sort_order=2
    )
    search = CompetenceTag.objects.create(
        framework="tt02", code="1.1", name="Tìm kiếm dữ liệu", sort_order=1
    )
    bank = QuestionBank.objects.create(name="Ngân hàng có nhãn")
    for n, tag in enumerate([privacy, privacy, search]):
        QuestionFactory(
            bank=bank,
            text=f"Câu có nhãn {n}?",
            answers=[(f"Phải {n}", True), (f"Trái {n}", False)],
            tags=[tag],
        )
    course, quiz_page, enrolment = setup(home_page, learner, answers="passed")
    quiz_page.questions = [("draw", {"bank": bank, "count": 3, "tag": None})]
    quiz_page.save_revision().publish()
    quiz_page.refresh_from_db()
    return course, quiz_page, enrolment


def test_result_groups_by_competence_tag(signed_in, tagged_quiz):
    course, quiz_page, enrolment = tagged_quiz
    started = quiz.start_attempt(enrolment, quiz_page, course=course)
    answers = {
        q["key"]: q["correct"] if "tt02:1.1" in q["tags"] else []
        for q in started.snapshot
    }
    done = quiz.submit_attempt(started, answers).attempt
    html = result_html(signed_in, quiz_page, done)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert rows == [("1.1 Tìm kiếm dữ liệu", "1/1"), ("4.1 Bảo vệ thiết bị", "0/2")]
    assert not shows_key(html)


def test_tag_counts_hide_with_which_were_wrong(signed_in, tagged_quiz):
    course, quiz_page, enrolment = tagged_quiz
    QuizPage.objects.filter(pk=quiz_page.pk).update(review_which_wrong="passed")
    done = attempt(enrolment, quiz_page, course, wrong_answers)
    html = result_html(signed_in, quiz_page, done)
    assert "Bảo vệ thiết bị" not in html
    assert not shows_which_wrong(html)


def test_tag_names_take_one_query(tagged_quiz, django_assert_num_queries):
    course, quiz_page, enrolment = tagged_quiz
    done = attempt(enrolment, quiz_page, course, correct_answers)
    items = quiz.review(done, show_answers=False, show_which_wrong=True)
    with django_assert_num_queries(1):
        rows = by_tag(items)
    assert [(r["code"], r["correct"], r["total"]) for r in rows] == [
        ("1.1", 1, 1),
        ("4.1", 2, 2),
    ]


# ------------------------------------------------------------------ migration


BEFORE = [("courses", "0011_exam_windows")]
AFTER = [("courses", "0012_review_rules_replace_show_answers")]


@pytest.mark.django_db(transaction=True)
def test_existing_quizzes_get_the_safe_defaults(home_page):
    course, quiz_page = build_course(home_page, slug="cu", attempt_limit=None)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    # Before: the course showed the answers after every submission.
    assert (
        old.get_model("courses", "CoursePage")
        .objects.get(pk=course.pk)
        .show_answers_after_submit
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("courses", "QuizPage").objects.get(pk=quiz_page.pk)
    assert (migrated.review_which_wrong, migrated.review_answers) == (
        "immediately",
        "passed_or_last",
    )
    # An existing course keeps its attempt limit (here none); new ones get 3.
    assert CoursePage.objects.get(pk=course.pk).attempt_limit is None
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_result_and_overview_queries_do_not_grow_with_attempts(
    signed_in, tagged_quiz, django_assert_max_num_queries
):
    """The review adds a count (and the tag names, the window), not a query per
    attempt: the pages cost the same after one attempt as after three. Measured:
    10 queries for the result page, 6 for the overview."""
    course, quiz_page, enrolment = tagged_quiz
    QuizPage.objects.filter(pk=quiz_page.pk).update(review_answers="window_closed")

    def cost():
        signed_in.get(quiz_page.url)  # warm the per-request caches alike
        with CaptureQueriesContext(connection) as result:
            result_html(signed_in, quiz_page, done)
        with CaptureQueriesContext(connection) as overview:
            assert signed_in.get(quiz_page.url).status_code == 200
        return len(result), len(overview)

    done = attempt(enrolment, quiz_page, course, wrong_answers)
    after_one = cost()
    for _ in range(2):
        done = attempt(enrolment, quiz_page, course, wrong_answers)
    assert cost() == after_one
    with django_assert_max_num_queries(12):
        result_html(signed_in, quiz_page, done)
