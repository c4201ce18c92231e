"""Personal data on a phone: the demo pupil (a minor) reads what the portal holds
about him; his coordinator records his guardian's written request for a copy, opens
the copy to print and marks the request done. Every page is checked with axe-core at
360 px and must not scroll sideways."""

import re

import pytest
from playwright.sync_api import expect

from people.models import AuditEntry, DataRequest
from tests.browser import signing
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-2026"


def test_a_pupils_data_and_his_guardians_request_on_a_phone(
    demo_content, page, live_server
):
    signing.sign_in(page, live_server, "hocsinh", DEMO_PASSWORD)
    page.get_by_role("link", name="Dữ liệu cá nhân của bạn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dữ liệu cá nhân của bạn")
    expect(page.locator("#section-account + .table-scroll")).to_contain_text(
        "Hoàng Đức Nam"
    )
    expect(page.locator("main")).to_contain_text("Bạn chưa đủ 18 tuổi")
    assert_accessible(page)

    page.context.clear_cookies()
    signing.sign_in(page, live_server, "giaovien", DEMO_PASSWORD)
    page.goto(live_server.url + "/dieu-phoi/")
    page.get_by_role("link", name=re.compile(r"^10A1")).first.click()
    page.get_by_role(
        "link", name="Yêu cầu dữ liệu của phụ huynh — Hoàng Đức Nam"
    ).click()
    assert_accessible(page)
    page.get_by_label("Bản sao dữ liệu").check()
    page.get_by_label("Cha mẹ hoặc người giám hộ đã viết yêu cầu").fill(
        "Hoàng Văn Bình"
    )
    page.get_by_role("button", name="Ghi nhận yêu cầu").click()
    expect(page.locator("main")).to_contain_text("Hoàng Văn Bình")
    assert_accessible(page)

    page.get_by_role("link", name="Dữ liệu của người này (trang để in)").click()
    expect(page.locator("main")).to_contain_text("T01-2026-001")
    assert_accessible(page)
    page.go_back()
    page.get_by_label("Đã xử lý xong").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã xử lý yêu cầu")
    request = DataRequest.objects.get(subject__username="hocsinh")
    assert (request.status, request.guardian_name) == ("done", "Hoàng Văn Bình")
    assert (
        AuditEntry.objects.filter(
            action="data_request", target_user=request.subject
        ).count()
        == 2
    )
    page.get_by_role("link", name="Yêu cầu về dữ liệu cá nhân").first.click()
    page.get_by_role("link", name="Tất cả").click()
    expect(page.locator("#data-requests")).to_contain_text("Hoàng Đức Nam")
