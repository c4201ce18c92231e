"""axe-core on the page a browser test is looking at (the engine ships in the
axe-playwright-python package; no download at run time)."""

from functools import cache
from pathlib import Path

import axe_playwright_python

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _axe_script():
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def axe_violations(page):
    """[(rule id, impact, first offending element)] of the WCAG 2.1 A/AA rules."""
    page.evaluate(_axe_script())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        (found["id"], found["impact"], found["nodes"][0]["html"][:120])
        for found in result["violations"]
    ]


def assert_accessible(page, ignore=()):
    """No WCAG 2.1 A/AA violation on the page, but the rules named in ``ignore``."""
    violations = [found for found in axe_violations(page) if found[0] not in ignore]
    assert not violations, f"axe-core on {page.url}: {violations}"
