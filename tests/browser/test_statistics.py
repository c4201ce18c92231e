"""The department viewer's statistics in a real browser: dashboard, drill-down to a
school, its classes, and the Excel download of the view's table.

The demo has classes but no enrolments: the test enrols class 10A1 of the demo
school in the demo course and completes three of its students' enrolments, so the
figures on screen can be checked against the database.
"""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from courses.models import Enrolment

from .conftest import assert_accessible
from .signing import fill_sign_in_form, sign_in_from_header

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2026"
XLSX_LINK = re.compile(r"^(Download Excel|Tải Excel)")
DESKTOP = {"width": 1024, "height": 768}


def test_viewer_drills_down_to_a_school_and_downloads_excel(
    browser, live_server, class_with_completions, tmp_path
):
    school_class, enrolled = class_with_completions
    assert enrolled > 3
    context = browser.new_context(
        viewport=DESKTOP, locale="vi-VN", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in_from_header(page, live_server, "sogd", DEMO_PASSWORD)

        page.goto(live_server.url + "/thong-ke/")
        expect(page.locator("h1")).to_have_text("Tỉnh Thái Nguyên")
        figures = page.get_by_role("list", name="Số liệu chính")  # key figures
        expect(figures).to_contain_text(str(enrolled))
        expect(page.locator("svg.chart").first).to_be_visible()
        assert_accessible(page)

        # An upper-secondary school sits directly under the province.
        page.locator("#breakdown").get_by_role(
            "link", name="Trường THPT Bắc Kạn"
        ).click()
        expect(page.locator("h1")).to_have_text("Trường THPT Bắc Kạn")
        row = page.locator("#breakdown tbody tr", has_text=school_class.name)
        cells = row.locator("td")
        # population (the class list), enrolled, not yet enrolled, started, completed
        expect(cells.nth(1)).to_have_text(str(enrolled))  # enrolled
        expect(cells.nth(4)).to_have_text("3")  # completed
        expect(page.locator("nav.breadcrumbs")).to_contain_text("Tỉnh Thái Nguyên")
        assert_accessible(page)

        with page.expect_download() as download_info:
            page.get_by_role("link", name=XLSX_LINK).click()
        download = download_info.value
        assert download.suggested_filename.endswith(".xlsx")
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        sheet = load_workbook(path, read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        text = " ".join(str(cell) for row in rows for cell in row)
        assert "Trường THPT Bắc Kạn" in text
        # The table on screen: the class's figures, not its learners' names.
        row = next(r for r in rows if r[2] == str(school_class))
        assert (row[4], row[7]) == (enrolled, 3)  # enrolled, completed
        learner = Enrolment.objects.filter(school_class=school_class).first().user
        assert learner.full_name not in text
    finally:
        context.close()


def test_the_dashboard_fits_a_phone(page, live_server, class_with_completions):
    """Key figures are cards (from the site's stylesheet: an inline style would be
    blocked by the Content-Security-Policy) and nothing is wider than the screen."""
    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/thong-ke/")
    fill_sign_in_form(page, "sogd", DEMO_PASSWORD)
    expect(page.locator("h1")).to_have_text("Tỉnh Thái Nguyên")
    card = page.locator(".stats-figures li").first
    assert card.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
