"""Learning without a signal (issue 18): with the network cut, a lesson marked done
and a practice quiz submitted wait on the phone; when it comes back they are sent
and saved once. The pages stay accessible at 360 px while they wait."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible
from .signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"


@pytest.fixture
def enrolled(home_page):
    from courses.models import Enrolment
    from people.models import User
    from tests.factories import build_course

    course, quiz_page = build_course(home_page, lessons=2, slug="ngoai-tuyen")
    learner = User.objects.create_user(
        username="hocsinh", password=PASSWORD, full_name="Nguyễn Văn An"
    )
    return Enrolment.objects.create(user=learner, course=course), quiz_page


def test_offline_lesson_and_practice_answers_are_sent_when_back_online(
    page, live_server, enrolled
):
    from courses.models import LessonPage, LessonProgress, QuizAttempt
    from tests.courses.conftest import correct_answers

    enrolment, quiz_page = enrolled
    lesson = LessonPage.objects.child_of(enrolment.course).first()
    sign_in(page, live_server, "hocsinh", PASSWORD)
    page.goto(live_server.url + quiz_page.url)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page).to_have_url(re.compile(r"/lan/\d+/$"))
    attempt = QuizAttempt.objects.get()
    lesson_tab = page.context.new_page()
    lesson_tab.goto(live_server.url + lesson.url)

    page.context.set_offline(True)
    lesson_tab.get_by_role("button", name="Đã học xong, sang bài tiếp").click()
    expect(lesson_tab.locator(".lesson-actions")).to_contain_text("Đã lưu trên máy này")
    # Anything else posted offline says it needs the internet (the page stays).
    lesson_tab.get_by_role("button", name="Đăng xuất").click()
    expect(lesson_tab.locator("[data-offline-report]")).to_contain_text("cần có mạng")
    for choices in correct_answers(attempt).values():
        for key in choices:
            page.locator(f"#c-{key}").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp bài").click()
    expect(page.locator("[data-save-status]")).to_contain_text(
        "sẽ được nộp khi có mạng trở lại"
    )
    assert not LessonProgress.objects.exists()
    assert QuizAttempt.objects.get().submitted_at is None
    assert_accessible(page)
    assert_accessible(lesson_tab)

    page.context.set_offline(False)
    expect(page).to_have_url(re.compile(r"/lan/\d+/ket-qua/$"))
    expect(page.locator("main")).to_contain_text("100")
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).exists()
    attempt.refresh_from_db()
    assert attempt.passed is True
    # Sent once, whichever tab sent it; nothing is left waiting on the phone.
    assert page.evaluate("offlineQueue.flush()") == []


def test_a_timed_attempt_keeps_its_answers_through_a_dropped_connection(
    page, live_server, enrolled
):
    from courses.models import QuizAttempt

    from .test_learner_journey import choose, save_status, wait_until_saved

    enrolment, quiz_page = enrolled
    course = enrolment.course
    course.time_limit_minutes = 30
    course.save_revision().publish()
    sign_in(page, live_server, "hocsinh", PASSWORD)
    page.goto(live_server.url + quiz_page.url)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    expect(page).to_have_url(re.compile(r"/lan/\d+/$"))
    page.wait_for_load_state("load")
    attempt = QuizAttempt.objects.get()
    first, second = attempt.snapshot[0], attempt.snapshot[1]
    choose(page, first["correct"])
    wait_until_saved(page)

    page.context.set_offline(True)
    online_only = page.locator("[data-online-only]")
    expect(online_only).to_be_visible()
    expect(online_only).to_contain_text("chỉ nộp được khi có mạng")
    choose(page, second["correct"])
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nộp bài").click()
    # Not submitted into a dead connection: the page stays, the answers with it.
    expect(save_status(page)).to_contain_text("chưa nộp được bài lúc này")
    expect(page).to_have_url(re.compile(r"/lan/\d+/$"))
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and second["key"] not in attempt.answers
    assert_accessible(page)

    # Back within the time: what was answered offline is saved, the attempt goes on.
    page.context.set_offline(False)
    wait_until_saved(page)
    expect(online_only).to_be_hidden()
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert attempt.answers == {
        first["key"]: sorted(first["correct"]),
        second["key"]: sorted(second["correct"]),
    }
