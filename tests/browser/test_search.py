"""Search in a real browser: suggestions as you type, keyboard use, and plain search
without JavaScript. Phone viewport, Vietnamese interface."""

import re

import pytest
from playwright.sync_api import expect

from courses.models import Audience, CourseIndexPage
from tests.search.content import course_page, lesson

from .conftest import MOBILE_VIEWPORT, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COURSE = "Dịch vụ công trực tuyến"
LESSON = "Nộp hồ sơ qua dịch vụ công"


@pytest.fixture
def catalogue(home_page):
    staff = Audience.objects.create(name="Cán bộ một cửa", slug="can-bo-mot-cua")
    index = home_page.add_child(
        instance=CourseIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    course = course_page(
        index, COURSE, "dich-vu-cong", "Nộp hồ sơ trên Cổng Dịch vụ công.", [staff]
    )
    filing = lesson(course, LESSON, "nop-ho-so", "Đăng nhập Cổng Dịch vụ công.")
    lesson(course, "Bản nháp dịch vụ công", "nhap", "Nháp.", live=False)
    return {"course": course, "lesson": filing}


def test_typing_shows_suggestions_and_enter_shows_results(page, live_server, catalogue):
    page.goto(f"{live_server.url}/tim-kiem/")
    # No inline script: a Content-Security-Policy may forbid them.
    assert page.locator("script:not([src])").count() == 0
    box = page.get_by_role("combobox")
    box.press_sequentially("dich vu", delay=40)

    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(listbox).to_contain_text(COURSE)
    expect(listbox).to_contain_text(LESSON)
    expect(listbox).not_to_contain_text("Bản nháp")
    assert_accessible(page)  # with the suggestions open

    # Arrows move the active option; Escape closes the list and keeps the text.
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    active = options.first.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", active)
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("dich vu")

    # Enter with no option chosen runs the search.
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=dich\+vu$"))
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name=LESSON)).to_be_visible()
    expect(results.get_by_role("link", name=COURSE).first).to_be_visible()
    expect(results).not_to_contain_text("Bản nháp")


def test_choosing_a_suggestion_opens_its_page(page, live_server, catalogue):
    page.goto(f"{live_server.url}/tim-kiem/")
    box = page.get_by_role("combobox")
    box.press_sequentially("nop ho", delay=40)
    option = page.get_by_role("option", name=re.compile(LESSON))
    expect(option).to_be_visible()
    box.press("ArrowDown")
    box.press("Enter")
    # The lesson itself, which sends a visitor who is not signed in to sign in first.
    expect(page).to_have_url(re.compile(re.escape(catalogue["lesson"].url) + "$"))


def test_without_javascript_the_form_still_searches(browser, live_server, catalogue):
    context = browser.new_context(
        viewport=MOBILE_VIEWPORT, locale="vi-VN", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/tim-kiem/")
        expect(page.get_by_role("combobox")).to_have_count(0)
        box = page.get_by_role("searchbox")
        box.fill("DỊCH VỤ CÔNG")
        box.press("Enter")
        expect(
            page.locator("#search-results").get_by_role("link", name=LESSON)
        ).to_be_visible()
    finally:
        context.close()
