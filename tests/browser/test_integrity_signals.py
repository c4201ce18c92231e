"""Integrity signals end to end: a learner's attempt page loses focus and goes
hidden, the beacon records it, and the coordinator's results page shows the count
beside a flagged pair of identical wrong answers, at the 360 px phone width.

Leaving the page is simulated inside the page (a hidden ``visibilityState`` and a
window blur), since headless Chromium keeps every tab "visible". Submitting with
its confirmation dialog must not count as leaving.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from courses import quiz
from courses.enrolment import enrol_class
from courses.models import Enrolment, QuizAttempt, QuizPage
from people.models import Membership
from tests.courses.test_papers import make_bank
from tests.factories import (
    DEFAULT_PASSWORD,
    OrganisationFactory,
    SchoolClassFactory,
    build_course,
    learner_in,
    member_of,
)

from .conftest import MOBILE_VIEWPORT, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ATTEMPT_URL = re.compile(r"/lan/(\d+)/$")
RESULT_URL = re.compile(r"/lan/\d+/ket-qua/$")
WRONG_CID = 2  # "Sai nữa …" in make_bank's questions


@pytest.fixture
def exam_class(home_page):
    school = OrganisationFactory(kind="school")
    school_class = SchoolClassFactory(organisation=school, name="10A1")
    coordinator = member_of(
        school, Membership.Role.COORDINATOR, username="giaovien_tt", full_name="Cô Hoa"
    )
    learners = [
        learner_in(school_class, username=username, full_name=name)
        for username, name in (
            ("hocsinh_an", "Lê Văn An"),
            ("hocsinh_binh", "Trần Bình"),
        )
    ]
    course, quiz_page = build_course(home_page, slug="thi-tin-hieu")
    quiz_page.questions = [
        ("draw", {"bank": make_bank(size=6), "count": 6, "tag": None})
    ]
    quiz_page.save_revision().publish()
    enrol_class(school_class, course, by=coordinator)
    return {
        "class": school_class,
        "coordinator": coordinator,
        "learners": learners,
        "course": course,
        "quiz": QuizPage.objects.get(pk=quiz_page.pk),
    }


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/")


def wrong_keys(question):
    return [c["key"] for c in question["choices"] if c["cid"] == WRONG_CID]


def submitted_by_binh(exam):
    """Bình already submitted the same wrong choice on every question."""
    enrolment = Enrolment.objects.get(user=exam["learners"][1], course=exam["course"])
    attempt = quiz.start_attempt(enrolment, exam["quiz"], course=exam["course"])
    quiz.submit_attempt(attempt, {q["key"]: wrong_keys(q) for q in attempt.snapshot})


def leave_and_come_back(page):
    """The tab goes to the background and back, then the window loses focus."""
    page.evaluate(
        """() => {
            const state = (value) => Object.defineProperty(
                document, "visibilityState", {configurable: true, get: () => value});
            state("hidden");
            document.dispatchEvent(new Event("visibilitychange"));
            state("visible");
            document.dispatchEvent(new Event("visibilitychange"));
            window.dispatchEvent(new Event("blur"));
            window.dispatchEvent(new Event("focus"));
        }"""
    )


def snap(page, name):
    """A full-page screenshot when BROWSER_SCREENSHOT_DIR is set."""
    folder = os.environ.get("BROWSER_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def recorded(attempt_id):
    return QuizAttempt.objects.get(pk=attempt_id).focus_lost_count


def test_leaving_the_attempt_page_shows_on_the_coordinators_results(
    page, browser, live_server, exam_class
):
    submitted_by_binh(exam_class)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, "hocsinh_an")
    page.goto(live_server.url + exam_class["quiz"].url)
    page.get_by_role("button", name="Bắt đầu làm bài", exact=True).click()
    expect(page).to_have_url(ATTEMPT_URL)
    page.wait_for_load_state("load")  # the deferred scripts are listening
    attempt_id = int(ATTEMPT_URL.search(page.url).group(1))
    snapshot = QuizAttempt.objects.get(pk=attempt_id).snapshot

    with page.expect_request(re.compile(r"/roi-trang/$")) as beacon:
        leave_and_come_back(page)
    assert "lost_count=" in beacon.value.post_data
    for _ in range(50):  # the beacons are fire-and-forget: wait until they land
        if recorded(attempt_id) == 2:
            break
        page.wait_for_timeout(100)
    assert recorded(attempt_id) == 2

    for question in snapshot:
        key = wrong_keys(question)[0]
        page.locator(f"label[for='c-{key}']").click()
        expect(page.locator(f"#c-{key}")).to_be_checked()
    page.get_by_role("button", name="Nộp bài").click()
    expect(page).to_have_url(RESULT_URL)
    assert recorded(attempt_id) == 2  # the confirmation and the submit are not "left"

    coordinator_context = browser.new_context(viewport=MOBILE_VIEWPORT, locale="vi-VN")
    try:
        staff = coordinator_context.new_page()
        sign_in(staff, live_server, "giaovien_tt")
        staff.goto(
            live_server.url + f"/dieu-phoi/lop/{exam_class['class'].pk}/khoa-hoc/"
        )
        snap(staff, "integrity-class-courses")
        staff.get_by_role("link", name=re.compile("^Kết quả và tín hiệu")).click()
        expect(staff.get_by_role("heading", level=1)).to_contain_text("Kết quả")
        row = staff.get_by_role("row", name=re.compile("Lê Văn An"))
        expect(row.locator("[data-focus-lost]")).to_have_text("2")
        expect(staff.locator(".callout")).to_contain_text(
            "Tín hiệu để thầy cô xem xét, không phải kết luận vi phạm"
        )
        pair = staff.locator(".signal-pairs > li")
        expect(pair).to_contain_text("6 câu sai giống nhau")
        pair.locator("summary").click()
        expect(pair.locator(".shared-questions li")).to_have_count(6)
        snap(staff, "integrity-quiz-results")
        assert_accessible(staff)
    finally:
        coordinator_context.close()
