"""Every statistics page runs the same number of queries for 2 or 20 units/learners."""

import pytest
from django.urls import reverse

from courses.models import Enrolment
from people.models import Membership, Organisation
from tests.factories import (
    CourseFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# 22, two for populations (declared figures, roster counts) and one aggregate for
# the effect of reminders (reports/stragglers/effect.py)
MAX_QUERIES = 25


def _province(home_page, n):
    """A commune of n schools with one class each, and one school with n classes of
    n learners; every learner enrolled, some completed."""
    course = CourseFactory(parent=home_page)
    province = OrganisationFactory(code="P", name="Tỉnh", kind="province")
    commune = province.add_child(code="C", name="Xã", kind="commune")
    schools = [
        Organisation.objects.get(pk=commune.pk).add_child(
            code=f"S{i}", name=f"Trường {i}", kind="school"
        )
        for i in range(n)
    ]
    big = schools[0]
    classes = [SchoolClassFactory(organisation=big, name=f"10A{i}") for i in range(n)]
    classes += [SchoolClassFactory(organisation=s) for s in schools[1:]]
    enrolments = []
    for i, school_class in enumerate(classes):
        for j in range(n if school_class.organisation_id == big.pk else 1):
            user = UserFactory()
            MembershipFactory(
                user=user,
                organisation=school_class.organisation,
                school_class=school_class,
            )
            enrolments.append(
                Enrolment(
                    user=user,
                    course=course,
                    organisation=school_class.organisation,
                    school_class=school_class,
                    started_at=course.first_published_at,
                    best_score=50 + j,
                    completed_at=course.first_published_at if (i + j) % 2 else None,
                )
            )
    Enrolment.objects.bulk_create(enrolments)
    viewer = UserFactory(username="sogd_q")
    MembershipFactory(user=viewer, organisation=province, role=Membership.Role.VIEWER)
    return viewer, province, commune, big, classes[0]


@pytest.mark.parametrize("n", [2, 20])
def test_query_counts_do_not_grow(client, home_page, django_assert_max_num_queries, n):
    viewer, province, commune, school, school_class = _province(home_page, n)
    client.force_login(viewer)
    pages = [
        reverse("reports:dashboard"),
        reverse("reports:unit", args=[commune.pk]),
        reverse("reports:unit", args=[school.pk]),
        reverse("reports:class", args=[school_class.pk]),
    ]
    sizes = []
    for url in pages:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(url, {"nam-hoc": "2026-2027"})
        assert response.status_code == 200
        sizes.append(len(response.context["rows"] or response.context["learners"]))
    assert sizes == [1, n, n, n]
