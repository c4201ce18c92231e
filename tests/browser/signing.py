"""Signing in through the real form, as a person does, in either language."""

import re

from playwright.sync_api import expect

SIGN_IN = re.compile(r"^(Sign in|Đăng nhập)$")
USERNAME_LABEL = re.compile(r"Username or email|Tên đăng nhập hoặc email")
PASSWORD_LABEL = re.compile(r"^(Password|Mật khẩu)\b")


def header(page):
    return page.locator("header.site-header")


def fill_sign_in_form(page, login, password):
    """On the sign-in page: fill the form and press the button."""
    page.get_by_label(USERNAME_LABEL).fill(login)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.locator("main").get_by_role("button", name=SIGN_IN).click()


def sign_in(page, server, login, password):
    """Open the sign-in page at its address and sign in."""
    page.goto(server.url + "/tai-khoan/dang-nhap/")
    fill_sign_in_form(page, login, password)


def sign_in_from_header(page, server, login, password):
    """Reach the sign-in page from the home page's header link, then sign in."""
    page.goto(server.url + "/")
    header(page).get_by_role("link", name=SIGN_IN).click()
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/"))
    fill_sign_in_form(page, login, password)
