"""Reports reuse the province of the people tests."""

from tests.people.conftest import (  # noqa: F401  (fixtures)
    class_b,
    coordinator_a,
    coordinator_b,
    province,
    school_a,
    school_b,
)
