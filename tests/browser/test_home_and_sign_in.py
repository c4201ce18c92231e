"""The home page, signing in and out, and the language switcher, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from .signing import header
from .signing import sign_in_from_header as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"
WRONG_LOGIN = "Tên đăng nhập (hoặc email) hoặc mật khẩu không đúng."


@pytest.fixture
def learner(transactional_db):
    from people.models import User

    return User.objects.create_user(
        username="hocsinh",
        password=PASSWORD,
        email="hocsinh@example.edu.vn",
        full_name="Nguyễn Văn An",
    )


def test_home_page_sign_in_and_out(page, live_server, home_page, learner):
    response = page.goto(live_server.url)
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    expect(page.get_by_role("heading", level=1)).to_have_text(home_page.title)
    expect(header(page).get_by_role("link", name="Đăng nhập")).to_be_visible()

    sign_in(page, live_server, "hocsinh", PASSWORD)

    expect(page).to_have_url(live_server.url + "/")
    # The short name is the given name: the last word in Vietnamese order.
    expect(header(page).get_by_role("link", name="An", exact=True)).to_be_visible()
    expect(header(page).get_by_role("link", name="Đăng nhập")).to_have_count(0)

    header(page).get_by_role("button", name="Đăng xuất").click()

    expect(page).to_have_url(live_server.url + "/")
    expect(header(page).get_by_role("link", name="Đăng nhập")).to_be_visible()
    expect(header(page).get_by_role("link", name="An", exact=True)).to_have_count(0)


def test_sign_in_with_email(page, live_server, home_page, learner):
    sign_in(page, live_server, "HocSinh@Example.edu.vn", PASSWORD)

    expect(page).to_have_url(live_server.url + "/")
    expect(header(page).get_by_role("link", name="An", exact=True)).to_be_visible()


def test_wrong_password_shows_vietnamese_error(page, live_server, home_page, learner):
    sign_in(page, live_server, "hocsinh", "not-the-password")

    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/"))
    expect(page.get_by_role("alert")).to_contain_text(WRONG_LOGIN)
    assert page.locator("html").get_attribute("lang") == "vi"
    # The username typed stays in the form; the password does not.
    expect(page.get_by_label("Tên đăng nhập hoặc email")).to_have_value("hocsinh")
    expect(page.get_by_label("Mật khẩu")).to_have_value("")
    expect(header(page).get_by_role("link", name="Đăng nhập")).to_be_visible()


def test_footer_language_switcher(page, live_server, home_page):
    page.goto(live_server.url)
    assert page.locator("html").get_attribute("lang") == "vi"

    footer = page.locator("footer.site-footer")
    # Each language is offered in its own name, so an English reader finds it.
    footer.get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server.url + "/")
    # The choice sticks on the next page too.
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    assert page.locator("html").get_attribute("lang") == "en"
