"""A course kept offline opens with the network cut (the browser context's offline
mode), in a real browser with the real service worker (site/templates/sw.js)."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, Enrolment, LessonPage, QuizPage
from courses.offline_pack import course_pack
from people.models import User

from .conftest import assert_accessible
from .signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "hocsinh"
PASSWORD = "demo-2026"
COURSE_SLUG = "cong-dan-so-an-toan"
BANNER = "Bạn đang ngoại tuyến"


def test_kept_course_opens_without_network(page, live_server, demo_content):
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    other = CoursePage.objects.live().exclude(pk=course.pk).first()
    Enrolment.objects.create(user=User.objects.get(username=USERNAME), course=course)
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    quizzes = list(QuizPage.objects.live().child_of(course).order_by("path"))
    assert lessons and quizzes

    sign_in(page, live_server, USERNAME, PASSWORD)
    # The install hint (Android Chrome's beforeinstallprompt), quiet and dismissible.
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    hint = page.locator("#install-hint")
    expect(hint).to_be_hidden()
    install_prompt = "window.dispatchEvent(new Event('beforeinstallprompt'))"
    page.evaluate(install_prompt)
    expect(hint).to_contain_text("Thêm cổng vào màn hình chính")
    assert_accessible(page)
    hint.get_by_role("button", name="Để sau").click()
    expect(hint).to_be_hidden()
    page.reload()
    page.evaluate(install_prompt)
    expect(hint).to_be_hidden()  # remembered on this device

    page.goto(live_server.url + course.url)
    box = page.locator("#offline-pack")
    # The size and the budget before anything is downloaded.
    expect(box.get_by_role("status")).to_contain_text(
        re.compile(rf"Khoảng [\d,.]+ KB: {len(lessons)} bài học")
    )
    assert_accessible(page)
    box.get_by_role("button", name="Lưu để học ngoại tuyến").click()
    expect(box).to_have_attribute("data-kept", "1", timeout=30_000)
    expect(box.get_by_role("status")).to_contain_text("Đã lưu trên thiết bị này")
    banner = page.locator("#offline-banner")
    expect(banner).to_be_hidden()

    page.context.set_offline(True)
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Khóa học của tôi")
    expect(banner).to_contain_text(BANNER)
    assert_accessible(page)
    page.get_by_role("link", name="Bắt đầu học").click()  # a redirect online
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    for item in [course, *lessons, *quizzes]:
        response = page.goto(live_server.url + item.url)
        assert response.status == 200, item.url
        expect(page.get_by_role("heading", level=1)).to_have_text(item.title)
        expect(banner).to_be_visible()
    assert_accessible(page)  # a lesson, offline, at 360 px

    # A page nobody kept says so instead of the browser's error page; this also
    # shows the worker's own network requests were cut.
    response = page.goto(live_server.url + other.url)
    assert response.status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text("Không có kết nối mạng")

    # The editor publishes a lesson again while the phone is offline: when the
    # connection returns, the kept copy is replaced without the page being visited.
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    lesson = LessonPage.objects.get(pk=lessons[1].pk)
    lesson.title = "Bài đã cập nhật"
    lesson.save_revision().publish()
    page.context.set_offline(False)
    expect(banner).to_be_hidden()
    # What the "online" event asks of the worker, awaited: compare and fetch again.
    page.evaluate("offlinePages.ask({type: 'refresh', force: true})")
    page.context.set_offline(True)
    page.goto(live_server.url + lessons[1].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bài đã cập nhật")


def test_least_recently_opened_course_makes_room(
    page, live_server, demo_content, settings
):
    student = User.objects.get(username=USERNAME)
    first, second = CoursePage.objects.live().order_by("path")[:2]
    for course in (first, second):
        Enrolment.objects.create(user=student, course=course)
    sizes = [course_pack(course, student)["course_bytes"] for course in (first, second)]
    # Room for either course, not for both.
    settings.OFFLINE_BUDGET_MIB = (max(sizes) + 1024) / (1024 * 1024)

    sign_in(page, live_server, USERNAME, PASSWORD)
    for course in (first, second):
        page.goto(live_server.url + course.url)
        box = page.locator("#offline-pack")
        box.get_by_role("button", name="Lưu để học ngoại tuyến").click()
        expect(box).to_have_attribute("data-kept", "1", timeout=30_000)
    expect(box.get_by_role("status")).to_contain_text(
        f"Để có chỗ, thiết bị này không còn lưu: {first.title}."
    )
    page.context.set_offline(True)
    assert page.goto(live_server.url + second.url).status == 200
    assert page.goto(live_server.url + first.url).status == 503

    # The session ends without signing out; someone else signs in on this browser:
    # the kept pages were the first learner's, and go.
    page.context.set_offline(False)
    page.context.clear_cookies()
    sign_in(page, live_server, "motcua", PASSWORD)
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    page.wait_for_timeout(1000)
    page.context.set_offline(True)
    assert page.goto(live_server.url + second.url).status == 503
