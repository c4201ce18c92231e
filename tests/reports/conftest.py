"""Reports reuse the province of the people tests, and a hand-computed one."""

import pytest

from tests.people.conftest import (  # noqa: F401  (fixtures)
    class_b,
    coordinator_a,
    coordinator_b,
    province,
    school_a,
    school_b,
)


@pytest.fixture
def stats(db, home_page):
    """The hand-computed province of tests/reports/stats_data.py."""
    from tests.reports.stats_data import build

    return build(home_page)


@pytest.fixture
def stragglers(db, home_page):
    """The hand-placed stragglers of tests/reports/stragglers_data.py."""
    from tests.reports.stragglers_data import build

    return build(home_page)
