"""The department administrator on a phone: search → give a role → move a learner →
read the audit log (issue 13.5). Every page is checked with axe-core at 360 px and
must not scroll sideways.

The demo account ``sogd`` administers the whole province: it makes the demo
coordinator ``giaovien`` a statistics viewer of commune Chợ Đồn, then moves the
demo student ``hocsinh`` from class 10A1 of Trường THPT Bắc Kạn to class 10A2.
"""

import re

import pytest
from playwright.sync_api import expect

from people.models import AuditEntry, Membership, Transfer
from tests.browser import signing
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2026"
PEOPLE = re.compile(r"^(People and roles|Nhân sự và vai trò)$")


def sign_in(page, live_server, username):
    signing.sign_in(page, live_server, username, DEMO_PASSWORD)


def search(page, text):
    page.get_by_label("Họ tên, tên đăng nhập hoặc số định danh cá nhân").fill(text)
    page.locator("main").get_by_role("button", name="Tìm kiếm").click()


def test_administrator_searches_appoints_and_moves_on_a_phone(
    demo_content, page, live_server
):
    sign_in(page, live_server, "sogd")
    page.locator("header.site-header").get_by_role("link", name=PEOPLE).click()
    expect(page).to_have_url(live_server.url + "/nhan-su/")
    assert_accessible(page)

    # Search without diacritics, open the coordinator, make her a viewer.
    search(page, "nong thi hanh")
    page.get_by_role("link", name="Nông Thị Hạnh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nông Thị Hạnh")
    assert_accessible(page)
    page.get_by_text("Giao vai trò", exact=True).click()  # opens the details
    page.get_by_label("Đơn vị").select_option(label="Xã Chợ Đồn (19-X02)")
    page.get_by_label("Vai trò").select_option(label="Người xem thống kê")
    page.get_by_role("button", name="Xác nhận giao vai trò").click()
    expect(page.locator(".messages")).to_contain_text("Xã Chợ Đồn")
    assert_accessible(page)
    assert Membership.objects.filter(
        user__username="giaovien",
        organisation__code="19-X02",
        role=Membership.Role.VIEWER,
    ).exists()

    # Find the student by username and move him to class 10A2.
    page.get_by_role("link", name="Nhân sự và vai trò").first.click()
    search(page, "hocsinh")
    page.get_by_role("link", name="Hoàng Đức Nam").click()
    page.get_by_role("link", name="Chuyển sang đơn vị hoặc lớp khác").click()
    assert_accessible(page)
    page.get_by_label("Chuyển đến đơn vị").select_option(
        label="Trường THPT Bắc Kạn (19-T01)"
    )
    page.get_by_role("button", name="Xem các lớp của đơn vị").click()
    page.get_by_label("Lớp").select_option(label="10A2 (2026-2027)")
    assert_accessible(page)
    page.get_by_role("button", name="Chuyển", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã chuyển Hoàng Đức Nam")
    expect(page.locator("main")).to_contain_text("→ Trường THPT Bắc Kạn (10A2)")
    assert_accessible(page)
    transfer = Transfer.objects.get()
    assert (transfer.from_class.name, transfer.to_class.name) == ("10A1", "10A2")

    # Both changes are in the audit log, newest first, and so are the administrator's
    # visits to the two people's pages (the access log, people/access_log.py).
    page.goto(live_server.url + "/nhan-su/nhat-ky/")
    entries = page.locator(".audit-list > li")
    changes = entries.filter(has_not_text="Xem dữ liệu cá nhân")
    expect(changes).to_have_count(2)
    expect(changes.first).to_contain_text("Chuyển học viên")
    expect(entries.filter(has_text="Xem dữ liệu cá nhân").first).to_be_visible()
    assert_accessible(page)
    viewed = AuditEntry.Action.PERSONAL_VIEW
    assert AuditEntry.objects.exclude(action=viewed).count() == 2
    assert AuditEntry.objects.filter(action=viewed).count() >= 2
