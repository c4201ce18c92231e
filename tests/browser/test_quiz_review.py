"""The result page under the default review rules, on a 360 px phone: the score and
which questions were wrong, grouped by competence tag; the key only once passed."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible
from .test_learner_journey import snap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"
KEY_LATER = (
    "Đáp án đúng và lời giải thích sẽ hiện khi bạn đạt hoặc đã dùng hết số lần làm bài."
)


@pytest.fixture
def tagged(home_page):
    from courses.models import CompetenceTag, Enrolment, QuestionBank
    from people.models import User
    from tests.factories import QuestionFactory, build_course

    tags = [
        CompetenceTag.objects.create(
            framework="tt02",
            code="1.1",
            name="Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số",
            sort_order=1,
        ),
        CompetenceTag.objects.create(
            framework="tt02", code="4.2", name="Bảo vệ dữ liệu cá nhân", sort_order=2
        ),
    ]
    bank = QuestionBank.objects.create(name="Ngân hàng thử")
    for n in range(4):
        QuestionFactory(
            bank=bank,
            text=f"Câu hỏi có nhãn số {n}?",
            explanation=f"GIAI-THICH-BI-MAT {n}",
            answers=[(f"Phương án A{n}", True), (f"Phương án B{n}", False)],
            tags=[tags[n % 2]],
        )
    course, quiz_page = build_course(home_page, lessons=0, slug="co-nhan")
    quiz_page.questions = [("draw", {"bank": bank, "count": 4, "tag": None})]
    quiz_page.save_revision().publish()
    quiz_page.refresh_from_db()
    learner = User.objects.create_user(
        username="hocsinh", password=PASSWORD, full_name="Nguyễn Văn An"
    )
    enrolment = Enrolment.objects.create(user=learner, course=course)
    return course, quiz_page, enrolment


def sign_in(page, live_server):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc email").fill("hocsinh")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(live_server.url + "/")


def submit(course, quiz_page, enrolment, pick):
    from courses import quiz

    started = quiz.start_attempt(enrolment, quiz_page, course=course)
    return quiz.submit_attempt(started, pick(started)).attempt


def test_result_page_by_competence_on_a_phone(page, live_server, tagged):
    from tests.courses.conftest import correct_answers, wrong_answers

    course, quiz_page, enrolment = tagged
    first = submit(course, quiz_page, enrolment, wrong_answers)
    sign_in(page, live_server)
    page.goto(f"{live_server.url}{quiz_page.url}lan/{first.pk}/ket-qua/")

    expect(page.locator(".card.result")).to_contain_text("0 %")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(3)
    expect(table).to_contain_text("Duyệt, tìm kiếm và lọc dữ liệu")
    expect(table.get_by_role("row").nth(2)).to_contain_text("0/2")
    expect(page.locator("ol.review li.is-wrong")).to_have_count(4)
    expect(page.locator("main")).to_contain_text(KEY_LATER)
    html = page.content()
    assert "GIAI-THICH-BI-MAT" not in html and "đáp án đúng)" not in html
    assert page.viewport_size["width"] == 360
    assert_accessible(page)
    snap(page, "quiz-result-by-competence")

    submit(course, quiz_page, enrolment, correct_answers)
    page.reload()
    expect(page.locator("ol.review")).to_contain_text("(đáp án đúng)")
    expect(page.locator("ol.review")).to_contain_text(re.compile("GIAI-THICH-BI-MAT"))
    expect(page.locator("main")).not_to_contain_text(KEY_LATER)
    assert_accessible(page)
