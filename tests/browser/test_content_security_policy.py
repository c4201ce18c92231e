"""The Content-Security-Policy in a real browser: no page of the site, and no admin
page an editor opens, reports a violation."""

import pytest

from courses.models import Enrolment
from tests.factories import CourseFactory, build_course

from .conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Mat-khau-2026!"  # noqa: S105


@pytest.fixture
def violations(page):
    """Every CSP violation the browser reports while the test runs."""
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return seen


def sign_in(page, url, username):
    page.goto(url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form input[name=password]").press("Enter")
    page.wait_for_load_state("networkidle")


def test_learner_journey_pages_report_no_violation(
    page,
    violations,
    live_server,
    home_page,
):
    from people.models import User

    course, quiz = build_course(home_page)
    learner = User.objects.create_user(username="hocsinh", password=PASSWORD)
    Enrolment.objects.create(user=learner, course=course)
    lesson = course.get_children().live().first()

    page.goto(live_server.url + "/")
    assert_accessible(page)
    page.goto(live_server.url + course.url)
    assert_accessible(page)
    sign_in(page, live_server.url + "/tai-khoan/dang-nhap/", "hocsinh")
    page.goto(live_server.url + lesson.url)
    assert_accessible(page)
    page.goto(live_server.url + quiz.url)
    assert_accessible(page)
    page.locator("main form button").first.click()
    page.wait_for_url("**/lan/**")
    page.locator("input[type=radio]").first.check()
    page.wait_for_load_state("networkidle")
    assert "/lan/" in page.url
    assert violations == [], "\n".join(violations)


def test_wagtail_admin_reports_no_violation(
    page,
    violations,
    live_server,
    home_page,
):
    from people.models import User

    course = CourseFactory(parent=home_page)
    User.objects.create_superuser(
        username="bientap", password=PASSWORD, email="bientap@example.vn"
    )
    sign_in(page, live_server.url + "/admin/login/", "bientap")
    assert page.url.rstrip("/").endswith("/admin")
    page.goto(live_server.url + f"/admin/pages/{course.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("form#page-edit-form").count() == 1
    # Front-end pages for staff carry Wagtail's user bar, under the strict policy.
    page.goto(live_server.url + course.url)
    page.wait_for_load_state("networkidle")
    assert page.locator("wagtail-userbar").count() == 1
    assert violations == [], "\n".join(violations)


def test_preview_panel_shows_the_lesson_in_the_editor(
    browser, violations, live_server, home_page
):
    """The editor's preview panel frames the preview response: the policy lets it."""
    from people.models import User

    course = CourseFactory(parent=home_page)
    lesson = course.get_children().first()
    User.objects.create_superuser(
        username="bientap", password=PASSWORD, email="bientap@example.vn"
    )
    # A desktop window: the preview panel sits beside the form.
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            or "frame" in message.text.lower()
            else None
        ),
    )
    try:
        sign_in(page, live_server.url + "/admin/login/", "bientap")
        page.goto(live_server.url + f"/admin/pages/{lesson.pk}/edit/")
        page.locator("[data-side-panel-toggle='preview']").click()
        preview = page.frame_locator("iframe.w-preview__iframe").last
        preview.locator("text=Nội dung bài 1").wait_for()
        assert preview.locator("h1").first.inner_text() == lesson.title
        assert violations == [], "\n".join(violations)
    finally:
        context.close()
