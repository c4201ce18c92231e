"""The learner's whole journey through a course and its quiz, in a real browser.

Everything runs on the demo content (``load_demo``) at the 360 px phone viewport in
the Vietnamese interface. Correct and wrong answers come from the attempt's snapshot
in the database: the browser never sees them before submission, so neither can the
test. Choices are named by question key with the choice keys as values, ids
``c-<choice key>``.

Set ``BROWSER_SCREENSHOT_DIR`` to keep full-page screenshots of the quiz pages.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import CoursePage, Enrolment, LessonPage, QuizAttempt, QuizPage
from people.models import User

from . import signing
from .conftest import assert_accessible
from .signing import header

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "hocsinh"
PASSWORD = "demo-2026"
COURSE_SLUG = "cong-dan-so-an-toan"
COURSE_TITLE = "Công dân số an toàn"
QUIZ_SLUG = "bai-kiem-tra"
ATTEMPT_URL = re.compile(r"/lan/(\d+)/$")
RESULT_URL = re.compile(r"/lan/\d+/ket-qua/$")
CONFIRM_TEXT = "Nộp bài? Sau khi nộp, bạn không thể sửa câu trả lời."
SINGLE_ANSWER_TYPES = {"single_choice", "true_false"}
KEY_LATER = (
    "Đáp án đúng và lời giải thích sẽ hiện khi bạn đạt hoặc đã dùng hết số lần làm bài."
)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def demo(demo_content):
    """The demo course, its lessons and quiz (a transactional flush remade them)."""
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    return {
        "course": course,
        "lessons": list(LessonPage.objects.live().child_of(course).order_by("path")),
        "quiz": QuizPage.objects.child_of(course).get(slug=QUIZ_SLUG),
        "student": User.objects.get(username=USERNAME),
    }


@pytest.fixture
def dialogs(page):
    """Accept every window.confirm; the messages shown are collected here."""
    shown = []

    def accept(dialog):
        shown.append((dialog.type, dialog.message))
        dialog.accept()

    page.on("dialog", accept)
    return shown


@pytest.fixture
def enrolled(demo):
    """The demo student, enrolled straight in the database (the journey test
    enrols through the page)."""
    Enrolment.objects.create(user=demo["student"], course=demo["course"])
    return demo


# --------------------------------------------------------------------------- helpers


def snap(page, name):
    """A full-page screenshot when BROWSER_SCREENSHOT_DIR is set; nothing otherwise."""
    folder = os.environ.get("BROWSER_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def sign_in(page, live_server):
    """Sign in through the real form, from the home page's header link."""
    signing.sign_in_from_header(page, live_server, USERNAME, PASSWORD)
    expect(page).to_have_url(live_server.url + "/")
    expect(header(page).get_by_role("link", name="Nam", exact=True)).to_be_visible()


def start_attempt(page, button="Bắt đầu làm bài"):
    """Press the quiz page's start button; return the attempt it opened."""
    page.get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_url(ATTEMPT_URL)
    # The quiz script (deferred) must be listening before the first answer is picked.
    page.wait_for_load_state("load")
    attempt_id = int(ATTEMPT_URL.search(page.url).group(1))
    attempt = QuizAttempt.objects.get(pk=attempt_id)
    assert attempt.submitted_at is None
    expect(page.locator("fieldset.question")).to_have_count(len(attempt.snapshot))
    return attempt


def open_quiz(page, live_server, quiz):
    page.goto(live_server.url + quiz.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)


def right_answers(question):
    return list(question["correct"])


def wrong_answers(question):
    """One choice that is not a correct one: wrong for every question type."""
    wrong = [
        c["key"] for c in question["choices"] if c["key"] not in question["correct"]
    ]
    assert wrong, f"question {question['key']} has no wrong choice to pick"
    return wrong[:1]


def choose(page, keys):
    """Click the labels of these choices, as a learner taps them on a phone."""
    for key in keys:
        page.locator(f"label[for='c-{key}']").click()
        expect(page.locator(f"#c-{key}")).to_be_checked()


def answer_all(page, attempt, pick):
    answers = {}
    for question in attempt.snapshot:
        keys = pick(question)
        choose(page, keys)
        answers[question["key"]] = sorted(keys)
    return answers


def save_status(page):
    return page.locator("[data-save-status]")


def wait_until_saved(page):
    expect(save_status(page)).to_contain_text(re.compile(r"Đã lưu lúc \d\d:\d\d:\d\d"))


def submit(page, dialogs):
    """Press "Nộp bài", accept the confirmation, land on the result page."""
    before = len(dialogs)
    page.get_by_role("button", name="Nộp bài").click()
    expect(page).to_have_url(RESULT_URL)
    assert dialogs[before:] == [("confirm", CONFIRM_TEXT)]


def result_card(page):
    return page.locator(".card.result")


def assert_fits_phone(page):
    """axe-core finds nothing serious and nothing sticks out at the phone width."""
    assert page.viewport_size["width"] == 360
    assert_accessible(page)


# --------------------------------------------------------------------------- tests


def test_whole_journey_from_sign_in_to_completed_course(
    page, live_server, demo, dialogs
):
    course, lessons, quiz = demo["course"], demo["lessons"], demo["quiz"]
    assert len(lessons) == 4

    sign_in(page, live_server)

    # The course is listed on the home page (maybe twice: "for you" and all).
    page.locator("main").get_by_role(
        "link", name=COURSE_TITLE, exact=True
    ).first.click()
    expect(page).to_have_url(live_server.url + course.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE_TITLE)
    page.get_by_role("button", name="Ghi danh khóa học này").click()

    # Enrolment leads to the first lesson; each "done" leads to the next item. The
    # quiz follows the last lesson, so its button also says "sang bài tiếp" (the
    # bare "Đã học xong" is for a lesson with nothing after it).
    expect(page.locator(".messages")).to_contain_text("Bạn đã ghi danh.")
    for lesson in lessons:
        expect(page).to_have_url(live_server.url + lesson.url)
        expect(page.get_by_role("heading", level=1)).to_have_text(lesson.title)
        expect(page.locator(".progress")).to_be_visible()
        page.get_by_role("button", name="Đã học xong, sang bài tiếp").click()

    # After the last lesson: the quiz, not yet the end of the course.
    expect(page).to_have_url(live_server.url + quiz.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(quiz.title)
    enrolment = Enrolment.objects.get(user=demo["student"], course=course)
    assert enrolment.lesson_progress.count() == 4
    assert enrolment.completed_at is None

    # First attempt: everything wrong.
    first = start_attempt(page)
    assert_fits_phone(page)
    snap(page, "quiz-attempt")
    answer_all(page, first, wrong_answers)
    submit(page, dialogs)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả lần làm bài 1")
    expect(result_card(page)).to_contain_text("Chưa đạt")
    expect(result_card(page)).to_contain_text("0 %")
    # Default review rules: which were wrong at once, the key not yet.
    review = page.locator("ol.review")
    expect(review.locator("li.is-wrong")).to_have_count(len(first.snapshot))
    expect(review).not_to_contain_text("đáp án đúng")
    expect(page.locator("main")).to_contain_text(KEY_LATER)
    assert_fits_phone(page)
    snap(page, "quiz-result-failed")

    # Back to the quiz, try again: everything right.
    page.get_by_role("link", name="Về bài kiểm tra").click()
    expect(page).to_have_url(live_server.url + quiz.url)
    expect(page.locator("table")).to_contain_text("chưa đạt")
    second = start_attempt(page, button="Làm lại")
    assert second.pk != first.pk and second.number == 2
    answer_all(page, second, right_answers)
    submit(page, dialogs)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả lần làm bài 2")
    expect(result_card(page)).to_contain_text("Đạt.")
    expect(result_card(page)).to_contain_text("100 %")
    expect(result_card(page)).to_contain_text("Bạn đã hoàn thành khóa học.")
    # Passed: the key and the explanations are shown now…
    expect(page.locator("ol.review li.is-correct")).to_have_count(len(second.snapshot))
    expect(page.locator("ol.review")).to_contain_text("(đáp án đúng)")
    expect(page.locator("main")).not_to_contain_text(KEY_LATER)
    assert_fits_phone(page)
    snap(page, "quiz-result-passed")
    # …and for the failed first attempt too.
    page.goto(f"{live_server.url}{quiz.url}lan/{first.pk}/ket-qua/")
    expect(page.locator("ol.review")).to_contain_text("(đáp án đúng)")
    assert_fits_phone(page)

    # "My learning" lists the course as completed, and only there.
    header(page).get_by_role("link", name="Khóa học của tôi").click()
    completed = page.get_by_role("region", name="Đã hoàn thành")
    expect(completed.get_by_role("link", name=COURSE_TITLE, exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Đang học")).to_have_count(0)
    snap(page, "my-learning")

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.status == Enrolment.Status.COMPLETED
    attempts = list(
        QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("number")
    )
    assert [a.pk for a in attempts] == [first.pk, second.pk]
    assert all(a.submitted_at is not None for a in attempts)
    assert [a.passed for a in attempts] == [False, True]
    assert [a.correct_count for a in attempts] == [0, 7]
    assert not any(a.closed_late for a in attempts)


def test_autosaved_answer_survives_a_reload(page, live_server, enrolled):
    sign_in(page, live_server)
    open_quiz(page, live_server, enrolled["quiz"])
    attempt = start_attempt(page)
    question = attempt.snapshot[0]
    chosen = right_answers(question)

    choose(page, chosen)
    wait_until_saved(page)
    attempt.refresh_from_db()
    assert attempt.answers == {question["key"]: chosen}
    assert attempt.answers_saved_at is not None

    # Forget the copy this device keeps, so what comes back is the server's record.
    page.evaluate("() => window.localStorage.clear()")
    page.reload()

    expect(page.locator(f"#c-{chosen[0]}")).to_be_checked()
    expect(page.locator("input:checked")).to_have_count(1)
    expect(save_status(page)).to_have_text("Đã lưu câu trả lời.")
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert attempt.answers == {question["key"]: chosen}


def test_time_limit_submits_by_itself_with_answers_saved_in_time(
    page, live_server, enrolled
):
    course, quiz = enrolled["course"], enrolled["quiz"]
    course.time_limit_minutes = 1
    course.save()

    sign_in(page, live_server)
    open_quiz(page, live_server, quiz)
    expect(page.locator("main")).to_contain_text("Thời gian làm bài: 1 phút")
    attempt = start_attempt(page)
    assert attempt.deadline is not None
    expect(page.get_by_role("timer")).to_contain_text("Thời gian còn lại:")
    snap(page, "quiz-attempt-timer")
    first, second = attempt.snapshot[0], attempt.snapshot[1]

    # Question 1, answered and saved while there is time.
    choose(page, right_answers(first))
    wait_until_saved(page)

    # The clock stays in sight on a phone, down to the last question.
    page.locator("fieldset.question").last.scroll_into_view_if_needed()
    expect(page.locator("fieldset.question").first).not_to_be_in_viewport()
    expect(page.get_by_role("timer")).to_be_in_viewport()

    # From now on the connection drops for autosaves (the page itself still loads).
    page.route(re.compile(r"/lan/\d+/luu/$"), lambda route: route.abort())

    # Bring the deadline close, and let the page count down to it.
    deadline = timezone.now() + timedelta(seconds=4)
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=deadline)
    page.reload()
    expect(page.locator(f"#c-{right_answers(first)[0]}")).to_be_checked()
    expect(page.get_by_role("timer")).to_contain_text(re.compile(r"0:0\d"))

    # Question 2 is answered on the page but never saved: the automatic submission
    # carries it, yet only what was saved by the deadline may count.
    choose(page, right_answers(second))
    expect(save_status(page)).to_contain_text("Chưa lưu được")

    expect(page).to_have_url(RESULT_URL, timeout=15_000)
    snap(page, "quiz-result-time-up")
    attempt.refresh_from_db()
    early = (attempt.deadline - attempt.submitted_at).total_seconds()
    assert attempt.closed_late is True, (
        f"the page submitted {early:.3f} s before the server's deadline, so the "
        f"attempt was scored as an ordinary submission"
    )
    assert attempt.submitted_at == attempt.deadline
    assert attempt.answers == {first["key"]: right_answers(first)}
    assert attempt.correct_count == 1
    assert attempt.passed is False

    expect(page.locator(".messages")).to_contain_text("hết giờ")
    expect(result_card(page)).to_contain_text("Hết giờ")
    expect(result_card(page)).to_contain_text("Đúng 1/7 câu.")


def test_quiz_by_keyboard_alone(page, live_server, enrolled, dialogs):
    sign_in(page, live_server)
    open_quiz(page, live_server, enrolled["quiz"])
    attempt = start_attempt(page)
    snapshot = attempt.snapshot
    # The demo quiz, not shuffled: single choice, true/false, then multiple choice.
    assert [q["type"] for q in snapshot[:3]] == [
        "single_choice",
        "true_false",
        "multiple_choice",
    ]
    q1, q2, q3 = ([c["key"] for c in question["choices"]] for question in snapshot[:3])

    # Every choice has a label, with text a screen reader can read out.
    inputs = page.locator("input[type=radio], input[type=checkbox]")
    expect(inputs).to_have_count(sum(len(q["choices"]) for q in snapshot))
    label_counts = inputs.evaluate_all("els => els.map(el => el.labels.length)")
    assert all(count >= 1 for count in label_counts), label_counts
    label_texts = inputs.evaluate_all(
        "els => els.map(el => el.labels[0].textContent.trim())"
    )
    assert all(label_texts), label_texts

    def focused(key):
        expect(page.locator(f"#c-{key}")).to_be_focused()

    def tab_and_pick(key):
        """Tab to choice ``key`` and press Space: it is then ticked."""
        page.keyboard.press("Tab")
        focused(key)
        page.keyboard.press("Space")
        expect(page.locator(f"#c-{key}")).to_be_checked()

    # The skip link first, then straight into question 1.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Bỏ qua, đến nội dung chính")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused(q1[0])

    # Question 1: Space picks the first choice, the arrow key moves the pick on.
    page.keyboard.press("Space")
    expect(page.locator(f"#c-{q1[0]}")).to_be_checked()
    page.keyboard.press("ArrowDown")
    focused(q1[1])
    expect(page.locator(f"#c-{q1[1]}")).to_be_checked()
    expect(page.locator(f"#c-{q1[0]}")).not_to_be_checked()

    # Question 2 (true/false) is one Tab stop: Space picks "Đúng".
    tab_and_pick(q2[0])

    # Question 3: each checkbox is its own Tab stop; Space toggles it.
    tab_and_pick(q3[0])
    tab_and_pick(q3[1])
    page.keyboard.press("Space")
    expect(page.locator(f"#c-{q3[1]}")).not_to_be_checked()

    # On past the rest: one stop per radio group, one per checkbox, then the button.
    stops = (
        len(q3)
        - 2
        + sum(
            1 if q["type"] in SINGLE_ANSWER_TYPES else len(q["choices"])
            for q in snapshot[3:]
        )
        + 1
    )
    for _ in range(stops):
        page.keyboard.press("Tab")
    submit_button = page.get_by_role("button", name="Nộp bài")
    expect(submit_button).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(RESULT_URL)
    assert dialogs == [("confirm", CONFIRM_TEXT)]
    expected = {
        snapshot[0]["key"]: [q1[1]],
        snapshot[1]["key"]: [q2[0]],
        snapshot[2]["key"]: [q3[0]],
    }
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert attempt.answers == {k: sorted(v) for k, v in expected.items()}
    assert attempt.question_results.filter(selected="").count() == len(snapshot) - 3
