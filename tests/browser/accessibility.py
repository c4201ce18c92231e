"""Checks every browser test runs on the pages it visits: axe-core finds no
violation, and nothing makes a 360 px phone scroll sideways.

axe-core comes inside the ``axe-playwright-python`` package (no download at run
time); its script is injected through DevTools, so the site's CSP does not apply.
"""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def assert_accessible(page):
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_no_sideways_scrolling(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def check_page(page):
    assert_no_sideways_scrolling(page)
    assert_accessible(page)
