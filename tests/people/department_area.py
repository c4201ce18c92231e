"""The area of the department administrator tests: a province with two communes;
the administrator of commune A manages its two schools; another province's school
is out of reach. Every refused change leaves the database as it was (snapshot)."""

import pytest

from people.models import AuditEntry, Membership, Organisation, Transfer
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    UserFactory,
)

LEARNER = Membership.Role.LEARNER


def _fresh(unit):
    return Organisation.objects.get(pk=unit.pk)


class Area:
    def __init__(self):
        self.province = OrganisationFactory(code="19", name="Tỉnh A", kind="province")
        self.commune = OrganisationFactory(
            parent=self.province, code="19-X01", kind="commune"
        )
        self.school = OrganisationFactory(
            parent=_fresh(self.commune), code="19-T01", name="Trường THPT Bắc Kạn"
        )
        self.school2 = OrganisationFactory(
            parent=_fresh(self.commune), code="19-T03", name="Trường THPT Ba Bể"
        )
        self.commune_b = OrganisationFactory(
            parent=_fresh(self.province), code="19-X02", kind="commune"
        )
        self.school_b = OrganisationFactory(
            parent=_fresh(self.commune_b), code="19-T02", name="Trường THPT Chợ Đồn"
        )
        self.elsewhere = OrganisationFactory(code="20", name="Tỉnh B", kind="province")
        self.school_x = OrganisationFactory(
            parent=self.elsewhere, code="20-T01", name="Trường THPT Xa"
        )
        self.class_a = SchoolClassFactory(organisation=self.school, name="10A1")
        self.class_a2 = SchoolClassFactory(organisation=self.school2, name="10B2")
        self.class_x = SchoolClassFactory(organisation=self.school_x, name="10X1")
        self.admin = self.staff(self.commune, Membership.Role.ADMINISTRATOR, "qt_a")
        self.admin_b = self.staff(self.commune_b, Membership.Role.ADMINISTRATOR, "qt_b")
        self.learner = self.learner_in(
            self.class_a, username="ducanh", full_name="Nguyễn Đức Anh"
        )
        self.learner.citizen_id = "019206001234"
        self.learner.save()
        self.outsider = self.learner_in(self.class_x, full_name="Nguyễn Đức Xa")

    @staticmethod
    def staff(unit, role, username):
        user = UserFactory(username=username)
        MembershipFactory(user=user, organisation=unit, role=role)
        return user

    @staticmethod
    def learner_in(school_class, **fields):
        user = UserFactory(**fields)
        MembershipFactory(
            user=user,
            organisation=school_class.organisation,
            school_class=school_class,
            role=LEARNER,
        )
        return user


@pytest.fixture
def area(db):
    return Area()


@pytest.fixture
def admin_client(client, area):
    client.force_login(area.admin)
    return client


def snapshot():
    return (
        sorted(
            Membership.objects.values_list(
                "pk", "user_id", "organisation_id", "school_class_id", "role"
            )
        ),
        Transfer.objects.count(),
        AuditEntry.objects.count(),
    )
