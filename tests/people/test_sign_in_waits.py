"""A coordinator sees and lifts the sign-in waits of their own class's students
(people/lockout_views.py), and nobody else's."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from people.models import AuditEntry, Membership
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    learner_in,
    member_of,
)

pytestmark = pytest.mark.django_db
SCHOOL = "203.0.113.10"


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def _school_with_class(code):
    school = OrganisationFactory(code=code)
    school_class = SchoolClassFactory(organisation=school)
    coordinator = member_of(
        school, Membership.Role.COORDINATOR, username=f"giaovien{code}"
    )
    return school_class, coordinator


def _student(school_class, username):
    return learner_in(school_class, username=username, full_name=f"Học sinh {username}")


def _hammer(username, times=3):
    for _ in range(times):
        response = Client().post(
            reverse("people:login"),
            {"username": username, "password": "sai-mat-khau"},
            REMOTE_ADDR=SCHOOL,
        )
    return response


def _sign_in(username, password):
    return Client().post(
        reverse("people:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=SCHOOL,
    )


def _as(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def school_a():
    school_class, coordinator = _school_with_class("T01")
    return school_class, coordinator, _student(school_class, "hocsinh")


def test_the_coordinator_sees_the_wait_and_lifts_it(school_a, password):
    school_class, coordinator, student = school_a
    assert _hammer("hocsinh").status_code == 429
    assert _sign_in("hocsinh", password).status_code == 429
    client = _as(coordinator)
    page = client.get(reverse("coordinator:sign_in_waits", args=[school_class.pk]))
    assert page.status_code == 200
    assert student.full_name in page.text
    assert SCHOOL in page.text
    lift_url = reverse(
        "coordinator:lift_sign_in_wait", args=[school_class.pk, student.pk]
    )
    assert lift_url in page.text
    response = client.post(lift_url, follow=True)
    assert response.status_code == 200
    assert not AccessAttempt.objects.exists()
    assert "có thể đăng nhập" in response.text  # the Vietnamese confirmation
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.LIFT_SIGN_IN_WAIT
    assert (entry.actor, entry.target_user) == (coordinator, student)
    assert _sign_in("hocsinh", password).status_code == 302


def test_the_class_page_links_to_it(school_a):
    school_class, coordinator, _student = school_a
    page = _as(coordinator).get(reverse("coordinator:class", args=[school_class.pk]))
    assert reverse("coordinator:sign_in_waits", args=[school_class.pk]) in page.text


def test_another_schools_coordinator_gets_404_and_nothing_changes(school_a):
    school_class, _coordinator, student = school_a
    class_b, coordinator_b = _school_with_class("T02")
    _hammer("hocsinh")
    client = _as(coordinator_b)
    for class_id in (school_class.pk, class_b.pk):  # theirs, or their own class
        page = client.get(reverse("coordinator:sign_in_waits", args=[class_id]))
        lift = client.post(
            reverse("coordinator:lift_sign_in_wait", args=[class_id, student.pk])
        )
        assert lift.status_code == 404
        if class_id == school_class.pk:
            assert page.status_code == 404
        else:
            assert student.full_name not in page.text
    assert AccessAttempt.objects.get().failures_since_start == 3
    assert not AuditEntry.objects.exists()


def test_lifting_needs_a_post_with_the_csrf_token(school_a):
    school_class, coordinator, student = school_a
    _hammer("hocsinh")
    url = reverse("coordinator:lift_sign_in_wait", args=[school_class.pk, student.pk])
    assert _as(coordinator).get(url).status_code == 405
    assert _as(coordinator, enforce_csrf_checks=True).post(url).status_code == 403
    assert AccessAttempt.objects.count() == 1


def test_a_student_who_is_also_staff_is_not_the_class_teachers_to_lift(school_a):
    school_class, coordinator, _student = school_a
    viewer = _student_in(school_class, "xemthongke")
    MembershipFactory(
        user=viewer, organisation=school_class.organisation, role="viewer"
    )
    _hammer("xemthongke")
    client = _as(coordinator)
    page = client.get(reverse("coordinator:sign_in_waits", args=[school_class.pk]))
    assert viewer.full_name not in page.text
    url = reverse("coordinator:lift_sign_in_wait", args=[school_class.pk, viewer.pk])
    assert client.post(url).status_code == 404
    assert AccessAttempt.objects.filter(username="xemthongke").exists()


def _student_in(school_class, username):
    return _student(school_class, username)


def test_the_page_reads_in_a_fixed_number_of_queries(
    school_a, django_assert_max_num_queries
):
    school_class, coordinator, _first = school_a
    for n in range(8):
        _student(school_class, f"hs{n}")
        _hammer(f"hs{n}", times=1)
    client = _as(coordinator)
    url = reverse("coordinator:sign_in_waits", args=[school_class.pk])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.text.count('<li class="card">') == 8
