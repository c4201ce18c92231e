"""A province with two schools, a coordinator each, and a class list to import."""

from pathlib import Path

import pytest

from people.models import Membership, Organisation
from tests.factories import (
    LearnerMembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    member_of,
)
from tests.security.conftest import world  # noqa: F401  (two schools, every role)

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def province(db):
    return OrganisationFactory(code="19", name="Tỉnh Thái Nguyên", kind="province")


@pytest.fixture
def school_a(province):
    commune = OrganisationFactory(parent=province, code="19-X01", kind="commune")
    return OrganisationFactory(
        parent=Organisation.objects.get(pk=commune.pk),
        code="19-T01",
        name="Trường THPT Bắc Kạn",
        kind="school",
    )


@pytest.fixture
def school_b(province):
    province = Organisation.objects.get(pk=province.pk)
    return OrganisationFactory(
        parent=province, code="19-T02", name="Trường THPT Chợ Đồn", kind="school"
    )


def coordinator_of(unit, username):
    user = member_of(unit, Membership.Role.COORDINATOR, username=username)
    return user


@pytest.fixture
def coordinator_a(school_a):
    return coordinator_of(school_a, "giaovien_a")


@pytest.fixture
def coordinator_b(school_b):
    return coordinator_of(school_b, "giaovien_b")


@pytest.fixture
def class_a(school_a):
    return SchoolClassFactory(organisation=school_a, name="10A1")


@pytest.fixture
def class_b(school_b):
    school_class = SchoolClassFactory(organisation=school_b, name="12C1")
    LearnerMembershipFactory(school_class=school_class)
    return school_class


def roster_file(name):
    return DATA / name


# The confirm step's answers (people.coordinator_forms.RosterBasisForm): a school's
# plan as its public task, guardians' consent on record for the minors.
BASIS = {
    "basis-kind": "public_task",
    "basis-text": "Kế hoạch số 12/KH-THPT về tập huấn kỹ năng số",
    "basis-basis_date": "01/09/2026",
    "basis-guardian_consent": "on",
}
