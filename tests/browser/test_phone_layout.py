"""At 360 px: the statistics, a drill-down, the class progress page and the
coordinator's class page fit the phone (tables scroll inside their own box), labels
sit above their fields, and the class progress status shows beside each name.
Every page is also checked by ``assert_accessible`` (axe-core, no sideways scroll)."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible
from .signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2026"
PHONE = 360

# [label text] of every visible label in <main> whose box is not wholly above its
# field's (radio and checkbox labels sit beside their box by design).
LABELS_NOT_ABOVE = """() => [...document.querySelectorAll('main label[for]')]
    .map(label => [label, document.getElementById(label.htmlFor)])
    .filter(([label, field]) => field && label.offsetWidth > 1
        && !['radio', 'checkbox', 'hidden'].includes(field.type))
    .filter(([label, field]) => label.getBoundingClientRect().bottom
        > field.getBoundingClientRect().top + 0.5)
    .map(([label]) => label.textContent.trim())"""

# Tables wider than their box must sit in a named, focusable scrolling region.
UNREACHABLE_TABLES = """() => [...document.querySelectorAll('main table')]
    .filter(table => {
        const box = table.closest('.table-scroll');
        return !box || box.tabIndex !== 0 || box.getAttribute('role') !== 'region'
            || !(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'));
    })
    .map(table => table.id || table.className)"""


def _fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert page.evaluate(LABELS_NOT_ABOVE) == []
    assert page.evaluate(UNREACHABLE_TABLES) == []
    assert_accessible(page)


def test_statistics_and_a_drill_down_fit_a_phone(
    page, live_server, class_with_completions
):
    school_class, _ = class_with_completions
    sign_in(page, live_server, "sogd", DEMO_PASSWORD)
    page.goto(live_server.url + "/thong-ke/")
    expect(page.locator("h1")).to_have_text("Tỉnh Thái Nguyên")
    # Filter labels above their fields (they used to sit at the end of a line).
    unit = page.get_by_label("Đơn vị", exact=True)
    label = page.locator("label[for=f-unit]").bounding_box()
    assert label["y"] + label["height"] <= unit.bounding_box()["y"]
    _fits_the_phone(page)

    page.locator("#breakdown").get_by_role("link", name="Phường Đức Xuân").click()
    expect(page.locator("h1")).to_have_text("Phường Đức Xuân")
    _fits_the_phone(page)
    # An upper-secondary school sits under the province, beside the communes.
    page.locator("nav.breadcrumbs").get_by_role("link", name="Tỉnh Thái Nguyên").click()
    page.locator("#breakdown").get_by_role("link", name="Trường THPT Bắc Kạn").click()
    expect(page.locator("h1")).to_have_text("Trường THPT Bắc Kạn")
    row = page.locator("#breakdown tbody tr", has_text=school_class.name)
    # population, enrolled, not yet enrolled, started, completed
    expect(row.locator("td").nth(4)).to_have_text("3")  # completed
    _fits_the_phone(page)


def test_class_pages_fit_a_phone_with_the_status_in_view(
    page, live_server, class_with_completions
):
    demo, _ = class_with_completions
    sign_in(page, live_server, "giaovien", DEMO_PASSWORD)
    page.goto(live_server.url + f"/dieu-phoi/lop/{demo.pk}/")
    students = page.locator("#class-students")
    expect(students.locator("tbody tr").first).to_be_visible()
    _fits_the_phone(page)  # the list reached 714 px here

    page.goto(live_server.url + f"/dieu-phoi/lop/{demo.pk}/tien-do/")
    table = page.locator("#class-progress")
    status = table.get_by_role("columnheader", name="Trạng thái")
    expect(status).to_be_visible()
    header = status.bounding_box()
    assert header["x"] >= 0 and header["x"] + header["width"] <= PHONE
    # Every row's status (its first cell) is in view without scrolling.
    statuses = table.locator("tbody tr td:first-of-type")
    expect(statuses.filter(has_text="đã hoàn thành")).to_have_count(3)
    for box in (statuses.nth(i).bounding_box() for i in range(statuses.count())):
        assert box["x"] + box["width"] <= PHONE
    _fits_the_phone(page)
