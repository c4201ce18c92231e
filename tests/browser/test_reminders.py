"""A coordinator reminds a learner from the straggler list, and the learner finds
the notice on My learning and dismisses it: at 360 px, checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD
from tests.reports.stragglers_data import build

from .conftest import assert_accessible
from .signing import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_reminds_and_learner_dismisses(page, live_server, home_page):
    s = build(home_page)
    sign_in(page, live_server, s.coord_a.username, DEFAULT_PASSWORD)
    page.goto(live_server.url + "/dieu-phoi/")
    page.locator("main").get_by_role("link", name="Học viên chậm tiến độ").click()
    expect(page.locator("h1")).to_have_text("Học viên chậm tiến độ")
    row = page.locator("#stragglers tbody tr", has_text="Học viên N1")
    expect(row).to_have_count(1)
    assert_accessible(page)
    row.get_by_role("button", name=re.compile("^Nhắc")).click()
    expect(page.locator("main")).to_contain_text("Đã gửi lời nhắc.")
    last_reminded = page.locator("#stragglers tbody tr", has_text="Học viên N1")
    expect(last_reminded.locator("td").nth(3)).not_to_have_text("—")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, live_server, s.N1.user.username, DEFAULT_PASSWORD)
    page.goto(live_server.url + "/hoc-tap-cua-toi/")
    notices = page.locator(".notices")
    expect(notices).to_contain_text("chưa bắt đầu")
    assert_accessible(page)
    notices.get_by_role("button", name=re.compile("^Ẩn")).click()
    expect(page.locator(".notices")).to_have_count(0)
