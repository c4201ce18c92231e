"""An editor imports a GIFT file into a question bank in a real browser: the preview
speaks Vietnamese, fits a 360 px phone and passes axe-core; confirming creates them."""

from pathlib import Path

import pytest

from tests.admin_messages import UntranslatedFinder, untranslated_messages
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-2026!"  # noqa: S105
GIFT = Path(__file__).parent.parent / "data" / "questions" / "an-toan-so.gift"


def test_import_preview_at_360px_then_confirm(browser, live_server, home_page):
    from courses.models import CompetenceTag, QuestionBank
    from people.models import User

    User.objects.create_superuser(
        username="bientap", password=PASSWORD, email="bientap@example.vn"
    )
    CompetenceTag.objects.create(framework="tt02", code="1.1", name="Duyệt dữ liệu")
    bank = QuestionBank.objects.create(name="An toàn số")
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/admin/login/")
        page.fill("input[name=username]", "bientap")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form input[name=password]").press("Enter")
        page.wait_for_load_state("networkidle")
        page.goto(live_server.url + f"/admin/question-import/?bank={bank.pk}")
        page.set_input_files("input[name=file]", str(GIFT))
        page.get_by_role("button", name="Xem trước").click()
        page.wait_for_load_state("networkidle")
        assert "Mật khẩu nào sau đây mạnh nhất?" in page.locator("body").inner_text()
        finder = UntranslatedFinder(
            untranslated_messages("django") | untranslated_messages("djangojs")
        )
        assert finder.in_html(page.content()) == []
        assert_accessible(page)
        page.get_by_role("button", name="Tạo 4 câu hỏi trong “An toàn số”").click()
        page.wait_for_load_state("networkidle")
        assert "Đã nhập 4 câu hỏi" in page.locator("body").inner_text()
        assert bank.questions.count() == 4
    finally:
        context.close()
