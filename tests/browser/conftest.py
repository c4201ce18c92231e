"""Playwright fixtures for end-to-end tests against pytest-django's live server.

Chromium comes from the system (/usr/bin/chromium): browsers cannot be downloaded here,
so the tests skip when it is missing. pytest-playwright is not used. The ``home_page``
fixture (tests/conftest.py) remakes the home page that a transactional flush removes.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread: let Django's ORM run anyway.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# A small phone: exercises the mobile-first layout most learners see.
MOBILE_VIEWPORT = {"width": 360, "height": 740}
DEFAULT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}; browser tests skipped")
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
def page(browser):
    context = browser.new_context(viewport=MOBILE_VIEWPORT, locale="vi-VN")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
