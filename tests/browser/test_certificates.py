"""A student finishes a course in the browser and gets a certificate that checks out.

The demo content and the demo student; everything but the last lesson is done
through the ORM first. Celery runs eagerly, so the certificate is issued by the time
the completing request returns.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certificates.models import Certificate
from courses.completion import mark_lesson_done
from courses.models import CoursePage, Enrolment, LessonPage, QuizAttempt, QuizPage
from people.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME = "hocsinh"
PASSWORD = "demo-2026"
COURSE_SLUG = "cong-dan-so-an-toan"


@pytest.fixture
def almost_done(demo_content):
    """The demo student with every lesson but the last done and the quiz passed."""
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    student = User.objects.get(username=USERNAME)
    enrolment = Enrolment.objects.create(user=student, course=course)
    lessons = list(LessonPage.objects.live().child_of(course).order_by("path"))
    for quiz in QuizPage.objects.live().child_of(course):
        QuizAttempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=1,
            submitted_at=timezone.now(),
            score=100,
            passed=True,
        )
    for lesson in lessons[:-1]:
        mark_lesson_done(enrolment, lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    return {"course": course, "last_lesson": lessons[-1], "student": student}


def sign_in(page, live_server):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.locator("input[name=username]").fill(USERNAME)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/")


def test_completed_course_gives_a_downloadable_verifiable_certificate(
    page, live_server, almost_done, tmp_path
):
    sign_in(page, live_server)
    page.goto(live_server.url + almost_done["last_lesson"].url)
    page.locator("form[action$='hoan-thanh/'] button[type=submit]").click()
    expect(page).to_have_url(live_server.url + almost_done["course"].url)

    certificate = Certificate.objects.get(enrolment__user=almost_done["student"])
    assert certificate.status == Certificate.Status.ISSUED
    download_path = f"/chung-nhan/tai-ve/{certificate.verification_code}/"
    # On the course page, and on "My learning".
    expect(page.locator(f"main a[href='{download_path}']")).to_be_visible()
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    completed = page.locator("[data-certificate-status='issued']")
    expect(completed).to_have_count(1)
    link = completed.locator(f"a[href='{download_path}']")
    expect(link).to_be_visible()

    with page.expect_download() as info:
        link.click()
    download = info.value
    assert re.fullmatch(
        r"giay-chung-nhan_Hoang_Duc_Nam_\w+\.pdf", download.suggested_filename
    )
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF-")
    with certificate.pdf.open("rb") as handle:
        assert data == handle.read()

    # "Check it" leads to the public verification page, which says valid.
    completed.locator("a[href^='/chung-nhan/xac-minh/']").click()
    expect(page).to_have_url(
        live_server.url + f"/chung-nhan/xac-minh/{certificate.verification_code}/"
    )
    verdict = page.locator("[data-verification]")
    expect(verdict).to_have_attribute("data-verification", "issued")
    expect(verdict.locator("[data-holder]")).to_have_text("Hoàng Đức Nam")
    expect(verdict).to_contain_text(almost_done["course"].title)
