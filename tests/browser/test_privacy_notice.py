"""The processing notice at a pupil's first sign-in, on a 360 px phone: its summary
on the page they land on, the whole notice, "I have read it", and then never again
(people/privacy_notice.py). Every page is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible
from .signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-2026"
SUMMARY = "Dữ liệu cá nhân của bạn trên cổng"


@pytest.fixture
def pupil(home_page):
    from people.models import NoticeAcknowledgement, User

    user = User.objects.create_user(
        username="anhttt1606", password=PASSWORD, full_name="Trần Thị Thu Ánh"
    )
    user.acknowledgements = NoticeAcknowledgement.objects.filter(user=user)
    return user


def test_a_pupil_reads_the_notice_once_at_the_first_sign_in(page, live_server, pupil):
    sign_in(page, live_server, pupil.username, PASSWORD)
    banner = page.get_by_role("region", name=SUMMARY)
    expect(banner).to_be_visible()
    assert_accessible(page)

    banner.get_by_role("link", name="Đọc toàn văn thông báo").click()
    expect(page.locator("h1")).to_have_text(
        "Cổng sử dụng dữ liệu cá nhân của bạn như thế nào"
    )
    expect(page.get_by_role("heading", name="Lưu giữ trong bao lâu")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Tôi đã đọc thông báo này").click()
    expect(page.get_by_text(re.compile("Bạn đã đọc thông báo này lúc"))).to_be_visible()
    assert pupil.acknowledgements.count() == 1

    page.goto(live_server.url + "/")
    expect(page.get_by_role("region", name=SUMMARY)).to_have_count(0)
    page.locator("header").get_by_role("button", name="Đăng xuất").click()
    sign_in(page, live_server, pupil.username, PASSWORD)
    expect(page.get_by_role("region", name=SUMMARY)).to_have_count(0)
