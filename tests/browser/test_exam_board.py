"""The coordinator's live exam board on a phone (360 px): open the exam, watch a
learner's answers arrive without reloading, give extra time, close it."""

import re

import pytest
from playwright.sync_api import expect

from courses import exam_windows, quiz
from courses.models import QuizAttempt, QuizExtraTime
from tests.courses.exam_fixtures import make_exam_class
from tests.factories import DEFAULT_PASSWORD

from . import signing
from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    signing.sign_in(page, live_server, username, DEFAULT_PASSWORD)


def test_coordinator_runs_an_exam_from_the_board(page, live_server, home_page):
    exam = make_exam_class(home_page, learners=3, time_limit_minutes=20)
    sign_in(page, live_server, exam.coordinator.username)
    page.goto(live_server.url + f"/dieu-phoi/lop/{exam.school_class.pk}/khoa-hoc/")
    page.get_by_role("link", name=re.compile(r"(Exam board|Bảng theo dõi thi)")).click()
    expect(page.locator("h1")).to_contain_text(exam.quiz.title)
    expect(page.locator(".exam-state")).to_contain_text(re.compile("Closed|Đang đóng"))
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(r"^(Open now|Mở ngay)$")).click()
    expect(page.locator(".exam-state")).to_contain_text(re.compile("Open now|Mở ngay"))

    # a learner starts and answers one question: the table shows it by itself
    enrolment = exam.enrolment(0)
    attempt = quiz.start_attempt(
        enrolment,
        exam.quiz,
        course=exam.course,
        gate=exam_windows.quiz_open_for,
        plan=exam_windows.plan_for,
    )
    first = attempt.snapshot[0]
    quiz.save_answers(attempt, {first["key"]: [first["choices"][0]["key"]]})
    row = page.locator("tr.exam-row-in_progress")
    expect(row).to_contain_text(re.compile(r"1 / 4|1 of 4"), timeout=25_000)
    assert_accessible(page)

    page.get_by_label(re.compile(r"^(Student|Học viên)")).select_option(
        str(exam.learners[0].pk)
    )
    page.get_by_label(re.compile(r"^(Extra minutes|Số phút cộng thêm)")).fill("10")
    page.get_by_role("button", name=re.compile(r"^(Give extra time|Cộng giờ)$")).click()
    expect(page.locator("tr.exam-row-in_progress")).to_contain_text(re.compile("10"))
    assert QuizExtraTime.objects.get().granted_by == exam.coordinator

    page.get_by_role("button", name=re.compile(r"^(Close now|Đóng ngay)$")).click()
    expect(page.locator("tr.exam-row-submitted")).to_have_count(1)
    assert QuizAttempt.objects.get().closed_by_switch
    assert_accessible(page)
