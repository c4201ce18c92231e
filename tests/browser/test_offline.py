"""A course kept offline opens with the network cut (the browser context's offline
mode), in a real browser with the real service worker (site/templates/sw.js)."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import CoursePage, Enrolment, LessonPage, QuizPage
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

    page.context.set_offline(False)
    page.goto(live_server.url + lessons[0].url)
    expect(banner).to_be_hidden()
