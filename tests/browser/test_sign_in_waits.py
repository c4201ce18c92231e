"""A pupil held up after wrong passwords, and their coordinator lifting the wait, on
phones (360 px): the wait message, the coordinator's page, the pupil back in."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"


@pytest.fixture
def school(transactional_db):
    from people.models import Membership, Organisation, SchoolClass, User

    school = Organisation.add_root(
        instance=Organisation(code="19-T01", name="Trường THPT Bắc Kạn", kind="school")
    )
    school_class = SchoolClass.objects.create(
        organisation=school, name="10A1", school_year="2026-2027", grade=10
    )
    teacher = User.objects.create_user(username="giaovien", password=PASSWORD)
    Membership.objects.create(user=teacher, organisation=school, role="coordinator")
    pupil = User.objects.create_user(
        username="anhttt1606", password=PASSWORD, full_name="Trần Thị Thu Ánh"
    )
    Membership.objects.create(
        user=pupil, organisation=school, school_class=school_class, role="learner"
    )
    return school_class


def sign_in(page, live_server, login, password):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập hoặc email").fill(login)
    page.get_by_label("Mật khẩu").fill(password)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_coordinator_lifts_a_pupils_wait(page, browser, live_server, school):
    for _ in range(5):
        sign_in(page, live_server, "anhttt1606", "sai-mat-khau")
    expect(page.locator("main")).to_contain_text("Vui lòng chờ 2 giây")
    sign_in(page, live_server, "anhttt1606", PASSWORD)
    expect(page.locator("main")).to_contain_text("Vui lòng chờ")

    teacher = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    sign_in(teacher, live_server, "giaovien", PASSWORD)
    teacher.goto(f"{live_server.url}/dieu-phoi/lop/{school.pk}/")
    teacher.get_by_role("link", name="Học sinh đang phải chờ khi đăng nhập").click()
    expect(teacher).to_have_url(re.compile(r"/dang-nhap-bi-cho/$"))
    expect(teacher.locator("main")).to_contain_text("Trần Thị Thu Ánh")
    expect(teacher.locator("main")).to_contain_text("5 lần sai mật khẩu")
    assert fits_the_phone(teacher)
    teacher.get_by_role("button", name=re.compile("Gỡ thời gian chờ")).click()
    expect(teacher.locator(".messages")).to_contain_text("có thể đăng nhập lại")
    expect(teacher.locator("main")).to_contain_text("Gần đây không học sinh nào")

    sign_in(page, live_server, "anhttt1606", PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/dang-nhap/"))
