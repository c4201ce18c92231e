"""The fuzz suite's world (built once per module) and Hypothesis profiles.

Budget by environment: FUZZ_EXAMPLES (examples per route, default 2 — about a
minute on SQLite), FUZZ_PROFILE=dev for random seeds and shrinking while you hunt.
CI runs derandomized: the same inputs every run.
"""

import os

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings

from tests.fuzz.routes import id_pools
from tests.fuzz.world import build_world

_common = {
    "deadline": None,
    "database": None,
    "suppress_health_check": list(HealthCheck),
    "max_examples": int(os.environ.get("FUZZ_EXAMPLES", "2")),
}
settings.register_profile(
    "ci", derandomize=True, phases=[Phase.explicit, Phase.generate], **_common
)
settings.register_profile("dev", **_common)


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """The world, inside a transaction rolled back when the module ends; each test
    adds its own savepoint (the ``db`` fixture)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            yield world, id_pools()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
