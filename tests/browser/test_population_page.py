"""The populations page on a phone: the department administrator (demo "sogd")
reaches it from the people pages' tabs, reads the declared figures, corrects a
school's figure in the form (a bad number first) — at 360 px, with axe-core and no
sideways scroll."""

import pytest
from playwright.sync_api import expect

from reports.models import Population

from .conftest import assert_accessible
from .signing import fill_sign_in_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.usefixtures("demo_content")
def test_department_admin_declares_a_population_on_a_phone(page, live_server):
    page.goto(live_server.url + "/tai-khoan/dang-nhap/?next=/nhan-su/")
    fill_sign_in_form(page, "sogd", "demo-2026")
    page.locator("nav.tabs").get_by_role("link", name="Số người cần tập huấn").click()
    table = page.locator("#populations-caption").locator("xpath=..")
    school = table.locator("tr", has_text="Trường THPT Bắc Kạn")
    expect(school).to_contain_text("đếm từ danh sách lớp")  # the demo's rosters
    expect(table.locator("tr", has_text="19-T02")).to_contain_text("1.654")
    assert_accessible(page)

    table.locator("tr", has_text="19-T02").get_by_role("link").click()
    field = page.get_by_label("Đoàn viên thanh niên trong trường học", exact=True)
    expect(field).to_have_value("1654")
    field.fill("-3")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field-error .error")).to_contain_text("không được nhỏ hơn 0")
    assert_accessible(page)
    assert Population.objects.get(organisation__code="19-T02").headcount == 1654

    page.get_by_label("Đoàn viên thanh niên trong trường học", exact=True).fill("1700")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#populations-caption")).to_be_attached()
    expect(page.locator("tr", has_text="19-T02")).to_contain_text("1.700")
    assert Population.objects.get(organisation__code="19-T02").headcount == 1700
