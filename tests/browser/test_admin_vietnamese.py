"""An editor's Wagtail admin in a real browser: Vietnamese text (also the parts the
admin's scripts draw), ASCII slugs from Vietnamese titles, dd/mm/yyyy scheduling."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.admin_messages import UntranslatedFinder, untranslated_messages
from tests.factories import CourseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-2026!"  # noqa: S105


@pytest.fixture
def editor_page(browser, live_server, home_page):
    """A desktop window signed in to the admin (the editor's side panels need room)."""
    from people.models import User

    User.objects.create_superuser(
        username="bientap", password=PASSWORD, email="bientap@example.vn"
    )
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "bientap")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form input[name=password]").press("Enter")
    page.wait_for_load_state("networkidle")
    try:
        yield page
    finally:
        context.close()


def english_on(page):
    """Untranslated Wagtail/Django messages in the page as the browser shows it."""
    finder = UntranslatedFinder(
        untranslated_messages("django") | untranslated_messages("djangojs")
    )
    return finder.in_html(page.content())


def test_new_lesson_gets_an_ascii_slug_from_its_vietnamese_title(
    editor_page, live_server, home_page
):
    course = CourseFactory(parent=home_page)
    page = editor_page
    page.goto(live_server.url + f"/admin/pages/add/courses/lessonpage/{course.pk}/")
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").press_sequentially("Nhận diện lừa đảo qua điện thoại")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("nhan-dien-lua-dao-qua-dien-thoai")
    text = page.locator("body").inner_text()
    assert "Thu gọn tất cả" in text  # drawn by the admin's script
    assert "Collapse all" not in text
    assert english_on(page) == []


def test_schedule_dialog_reads_and_writes_dd_mm_yyyy(
    editor_page, live_server, home_page
):
    from courses.models import LessonPage

    course = CourseFactory(parent=home_page)
    lesson = course.get_children().first()
    page = editor_page
    page.goto(live_server.url + f"/admin/pages/{lesson.pk}/edit/")
    page.wait_for_load_state("networkidle")
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Đặt lịch").click()
    dialog = page.locator("#schedule-publishing-dialog")
    assert "Đặt lịch xuất bản" in dialog.inner_text()
    assert english_on(page) == []
    dialog.locator("#id_go_live_at").fill("05/12/2027 08:30")
    # As a person would: a click on the dialog's title closes the date picker, which
    # otherwise covers the button. The picker opens ~100 ms after the field takes
    # focus, so wait for it first: a click before that is undone by its opening.
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    dialog.get_by_text("Đặt lịch xuất bản").first.click()
    expect(picker).to_have_count(0)
    dialog.get_by_role("button", name="Lưu lịch").click()
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_load_state("networkidle")

    draft = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    assert draft.go_live_at == datetime(2027, 12, 5, 8, 30, tzinfo=hanoi)
    page.goto(live_server.url + f"/admin/pages/{lesson.pk}/edit/")
    assert page.locator("#id_go_live_at").input_value() == "05/12/2027 08:30"
