"""Playwright fixtures for end-to-end tests against pytest-django's live server.

Chromium comes from the system (/usr/bin/chromium): browsers cannot be downloaded here,
so the tests skip when it is missing. pytest-playwright is not used. The ``home_page``
fixture (tests/conftest.py) remakes the home page that a transactional flush removes.

Every page a test leaves its browser on, and every page it hands to
``assert_accessible``, is checked with axe-core (npm, WCAG 2.1 A and AA rules): no
serious or critical violation, and nothing wider than the 360 px phone.
"""

import json
import os
from pathlib import Path

import pytest

from benchmarks.harness.browser import CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread: let Django's ORM run anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A small phone: exercises the mobile-first layout most learners see.
MOBILE_VIEWPORT = {"width": 360, "height": 740}
DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    for needed in (CHROMIUM, AXE_SOURCE):
        if not needed.exists():
            reason = f"{needed} is missing (apt chromium; npm ci for axe-core)"
            if os.environ.get("REQUIRE_BROWSER"):
                pytest.fail(f"REQUIRE_BROWSER is set but {reason}")
            pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def demo_content(home_page):
    """The demo content (``load_demo``), on the home page a transactional flush made
    anew."""
    from demo.loader import load_demo

    load_demo()


@pytest.fixture
def class_with_completions(demo_content):
    """The demo has classes but no enrolments: class 10A1 of the demo school enrolled
    in the demo course, three of its students completed. (class, enrolled count)"""
    from datetime import timedelta

    from django.utils import timezone

    from courses.enrolment import enrol_class
    from courses.models import CoursePage, Enrolment
    from people.models import SchoolClass

    course = CoursePage.objects.get(slug="cong-dan-so-an-toan")
    school_class = SchoolClass.objects.get(organisation__code="19-T01", name="10A1")
    enrol_class(school_class, course)
    done = list(Enrolment.objects.filter(school_class=school_class).order_by("pk")[:3])
    now = timezone.now()
    Enrolment.objects.filter(pk__in=[e.pk for e in done]).update(
        started_at=now - timedelta(days=3),
        completed_at=now,
        status=Enrolment.Status.COMPLETED,
    )
    return school_class, Enrolment.objects.filter(school_class=school_class).count()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=MOBILE_VIEWPORT, locale="vi-VN")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
        if not page.is_closed() and page.url.startswith("http"):
            assert_accessible(page)
    finally:
        context.close()


def assert_accessible(page):
    """axe-core's WCAG 2.1 A/AA rules find nothing serious, and no sideways scroll."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => {
            const options = {runOnly: {type: 'tag', values: tags}};
            const result = await axe.run(document, options);
            return {
                width: document.documentElement.scrollWidth,
                viewport: window.innerWidth,
                violations: result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({
                        rule: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
                    })),
            };
        }""",
        AXE_TAGS,
    )
    assert not found["violations"], f"axe-core on {page.url}:\n" + json.dumps(
        found["violations"], indent=1
    )
    assert found["width"] <= found["viewport"], (
        f"{page.url} is {found['width']} px wide at {found['viewport']} px"
    )
