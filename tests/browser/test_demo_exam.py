"""The demo's bank-drawn exam, taken by the demo student at 360 px.

Each attempt draws its own 10 questions from the exam bank with the choices
shuffled: the second attempt, and a classmate, get a different paper. Answers come
from the attempt's snapshot in the database (the browser never sees them).
"""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Enrolment, QuizAttempt
from courses.quiz import start_attempt as start_in_engine
from people.models import User

from . import signing
from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"
ATTEMPT_URL = re.compile(r"/lan/(\d+)/$")
RESULT_URL = re.compile(r"/lan/\d+/ket-qua/$")


@pytest.fixture
def exam(demo_content):
    from demo import banks

    quiz = banks.exam_quiz()
    return {"quiz": quiz, "course": quiz.get_parent().specific}


def sign_in(page, live_server, username):
    signing.sign_in(page, live_server, username, PASSWORD)
    expect(page).to_have_url(live_server.url + "/")


def start(page, button):
    page.get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_url(ATTEMPT_URL)
    page.wait_for_load_state("load")  # the quiz script listens before we answer
    attempt = QuizAttempt.objects.get(pk=int(ATTEMPT_URL.search(page.url).group(1)))
    expect(page.locator("fieldset.question")).to_have_count(10)
    return attempt


def answer(page, attempt, right):
    for question in attempt.snapshot:
        if right:
            keys = question["correct"]
        else:
            keys = [c["key"] for c in question["choices"]]
            keys = [k for k in keys if k not in question["correct"]][:1]
        for key in keys:
            page.locator(f"label[for='c-{key}']").click()
            expect(page.locator(f"#c-{key}")).to_be_checked()


def submit(page):
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp bài").click()
    expect(page).to_have_url(RESULT_URL)


def paper(attempt):
    """What was served: the questions and the order of their choices."""
    return [(e["qid"], [c["cid"] for c in e["choices"]]) for e in attempt.snapshot]


def test_demo_student_takes_the_drawn_exam_twice_on_a_phone(page, live_server, exam):
    quiz, course = exam["quiz"], exam["course"]
    sign_in(page, live_server, "hocsinh")

    page.goto(live_server.url + course.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    page.get_by_role("button", name="Ghi danh khóa học này").click()
    page.goto(live_server.url + quiz.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    assert_accessible(page)

    # First attempt: ten questions drawn from the bank, all answered wrong.
    first = start(page, "Bắt đầu làm bài")
    assert_accessible(page)
    qids = [e["qid"] for e in first.snapshot]
    assert len(set(qids)) == 10 and all(qids)
    answer(page, first, right=False)
    assert_accessible(page)
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả lần làm bài 1")
    expect(page.locator(".card.result")).to_contain_text("Chưa đạt")
    assert_accessible(page)

    # Second attempt: a new paper, all answered right.
    page.goto(live_server.url + quiz.url)
    second = start(page, "Làm lại")
    assert second.number == 2
    assert paper(second) != paper(first)
    answer(page, second, right=True)
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả lần làm bài 2")
    expect(page.locator(".card.result")).to_contain_text("100 %")
    assert_accessible(page)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.correct_count, second.correct_count) == (0, 10)
    assert second.passed

    # A classmate in 10A1 is served yet another paper.
    classmate = User.objects.get(username="hs.10a1.02")
    enrolment = Enrolment.objects.create(user=classmate, course=course)
    theirs = start_in_engine(enrolment, quiz, course=course)
    assert paper(theirs) not in (paper(first), paper(second))
