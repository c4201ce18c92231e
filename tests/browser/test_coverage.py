"""Coverage on a phone: the department viewer sees population and coverage, the
bars worst first, and a unit below the coverage target marked — at 360 px, with
axe-core and no sideways scroll.

The demo declares populations (demo/content/populations.csv); the test completes
three enrolments of class 10A1 at the demo school, whose population is counted
from its class lists (11 students): coverage 3/11 = 27.3 %.
"""

import pytest
from playwright.sync_api import expect

from reports.models import Target

from .conftest import assert_accessible
from .signing import fill_sign_in_form
from .test_statistics import demo  # noqa: F401  (fixture: 3 of 10A1 completed)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coverage_target(transactional_db):
    return Target.objects.create(rate=10, measure=Target.Measure.COVERAGE)


@pytest.mark.usefixtures("demo", "coverage_target")
def test_coverage_bars_on_a_phone(page, live_server):
    page.goto(
        live_server.url + "/tai-khoan/dang-nhap/?next=/thong-ke/%3Fnam-hoc%3D2026-2027"
    )
    fill_sign_in_form(page, "sogd", "demo-2026")
    expect(page.locator("h1")).to_have_text("Tỉnh Thái Nguyên")
    figures = page.locator(".stats-figures")
    expect(figures).to_contain_text("Số người cần tập huấn")
    expect(figures).to_contain_text("Độ bao phủ")
    bars = page.locator("#coverage-bars li")
    # The department and three communes, all declared. Worst first: those with no
    # completion (0 %, below the 10 % target), then Phường Đức Xuân: 3 of its
    # school's 11 students and its centre's 14 staff, 3 / 25 = 12 %.
    expect(bars).to_have_count(4)
    last = bars.last
    expect(last).to_contain_text("Phường Đức Xuân")
    expect(last.locator("meter")).to_have_attribute("value", "12.0")
    expect(bars.first).to_contain_text("dưới chỉ tiêu")
    expect(last).not_to_contain_text("dưới chỉ tiêu")
    assert_accessible(page)

    page.locator("#breakdown").get_by_role("link", name="Phường Đức Xuân").click()
    expect(page.locator("h1")).to_have_text("Phường Đức Xuân")
    school = page.locator("#coverage-bars li", has_text="Trường THPT Bắc Kạn")
    expect(school.locator("meter")).to_have_attribute("value", "27.3")  # 3 / 11
    expect(school).not_to_contain_text("dưới chỉ tiêu")  # 27.3 ≥ 10
    assert_accessible(page)
