"""The demo programme at 360 px: the colleague who completed it sees 4/4 courses and
downloads the programme certificate; the department sees it in the statistics."""

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from demo import programmes
from tests.browser.conftest import (
    DEFAULT_TIMEOUT_MS,
    MOBILE_VIEWPORT,
    assert_accessible,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("demo-2026")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + "/")


def test_programme_progress_certificate_and_statistics(
    page, browser, live_server, demo_content
):
    assert programmes.load_programme_activity() == 1  # commits: certificate issued
    certificate = Certificate.objects.get(programme_completion__isnull=False)
    assert certificate.status == Certificate.Status.ISSUED

    sign_in(page, live_server, programmes.GRADUATE)
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    card = page.locator(".programme-card", has_text=programmes.TITLE)
    expect(card.locator(".programme-count")).to_have_text("4/4 khoá học")
    expect(card.locator(".programme-courses li")).to_have_count(4)
    download = f"/chung-nhan/tai-ve/{certificate.verification_code}/"
    expect(card.locator(f"a[href='{download}']")).to_be_visible()
    assert_accessible(page)

    context = browser.new_context(viewport=MOBILE_VIEWPORT, locale="vi-VN")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    department = context.new_page()
    try:
        sign_in(department, live_server, "sogd")
        department.goto(live_server.url + "/thong-ke/chuong-trinh/")
        table = department.locator("section", has_text=programmes.TITLE)
        expect(table.locator("tfoot td").first).to_have_text("1")
        assert_accessible(department)
    finally:
        context.close()
