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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coverage_target(transactional_db):
    return Target.objects.create(rate=10, measure=Target.Measure.COVERAGE)


@pytest.mark.usefixtures("class_with_completions", "coverage_target")
def test_coverage_bars_on_a_phone(page, live_server):
    page.goto(
        live_server.url + "/tai-khoan/dang-nhap/?next=/thong-ke/%3Fnam-hoc%3D2026-2027"
    )
    fill_sign_in_form(page, "sogd", "demo-2026")
    expect(page.locator("h1")).to_have_text("Tỉnh Thái Nguyên")
    figures = page.get_by_role("list", name="Số liệu chính")  # key figures
    expect(figures).to_contain_text("Số người cần tập huấn")
    expect(figures).to_contain_text("Độ bao phủ")
    bars = page.locator("#coverage-bars li")
    # The department, three communes and the three upper-secondary schools the
    # province manages, all declared. Worst first: those with no completion (0 %,
    # below the 10 % target), last the demo school: 3 of its 11 students, 27.3 %.
    expect(bars).to_have_count(7)
    last = bars.last
    expect(last).to_contain_text("Trường THPT Bắc Kạn")
    expect(last.locator("meter")).to_have_attribute("value", "27.3")
    expect(bars.first).to_contain_text("dưới chỉ tiêu")
    expect(last).not_to_contain_text("dưới chỉ tiêu")  # 27.3 ≥ 10
    assert_accessible(page)

    page.locator("#breakdown").get_by_role("link", name="Trường THPT Bắc Kạn").click()
    expect(page.locator("h1")).to_have_text("Trường THPT Bắc Kạn")
    school_class = page.locator("#coverage-bars li", has_text="10A1")
    expect(school_class.locator("meter")).to_be_visible()
    expect(school_class).not_to_contain_text("dưới chỉ tiêu")
    assert_accessible(page)
