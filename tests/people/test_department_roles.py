"""Department administrators appoint and remove coordinators in their area (issue
13.5); each change is audited with it, and a refused one leaves the database as it
was and says why.
"""

import pytest
from django.urls import reverse

from people.models import AuditEntry, Membership
from tests.people import department_area
from tests.people.department_area import Area, snapshot

pytestmark = pytest.mark.django_db

# The area, and its administrator signed in (tests/people/department_area.py).
area = department_area.area
admin_client = department_area.admin_client


def test_appointing_a_coordinator_is_recorded_in_the_same_change(admin_client, area):
    teacher = Area.learner_in(area.class_a, full_name="Phạm Thu Trang")
    response = admin_client.post(
        reverse("people_admin:appoint", args=[teacher.pk]),
        {"organisation": area.school2.pk, "role": "coordinator"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=teacher, organisation=area.school2, role="coordinator"
    ).exists()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_user, entry.organisation) == (
        area.admin,
        AuditEntry.Action.APPOINT,
        teacher,
        area.school2,
    )
    assert entry.after["organisation"] == "Trường THPT Ba Bể"


@pytest.mark.parametrize(
    ("unit", "role", "message"),
    [
        ("school_x", "coordinator", "không thuộc phạm vi"),  # another province
        ("school_b", "viewer", "không thuộc phạm vi"),  # another commune
        ("school", "administrator", "không thể giao"),  # not given on this screen
        ("school", "learner", "không thể giao"),
    ],
)
def test_appointing_outside_the_area_or_a_wrong_role_is_refused(
    admin_client, area, unit, role, message
):
    before = snapshot()
    response = admin_client.post(
        reverse("people_admin:appoint", args=[area.learner.pk]),
        {"organisation": getattr(area, unit).pk, "role": role},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_appointing_twice_is_refused_with_a_message(admin_client, area):
    url = reverse("people_admin:appoint", args=[area.learner.pk])
    data = {"organisation": area.school.pk, "role": "viewer"}
    assert admin_client.post(url, data).status_code == 302
    before = snapshot()
    response = admin_client.post(url, data)
    assert response.status_code == 400
    assert "đã có vai trò này" in response.content.decode()
    assert snapshot() == before


def test_removing_a_role_warns_when_the_unit_has_no_coordinator_left(
    admin_client, area
):
    coordinator = Area.staff(area.school, Membership.Role.COORDINATOR, "gv_a")
    membership = Membership.objects.get(user=coordinator)
    response = admin_client.post(
        reverse("people_admin:remove_role", args=[coordinator.pk]),
        {"membership": membership.pk},
        follow=True,
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    text = response.content.decode()
    assert "Đã gỡ vai trò" in text and "không còn người điều phối" in text
    # the change (the page it redirects to is logged as a visit: test_access_log)
    entry = AuditEntry.objects.exclude(action=AuditEntry.Action.PERSONAL_VIEW).get()
    assert entry.action == AuditEntry.Action.REMOVE_ROLE
    assert entry.before["role"] == "coordinator"


def test_a_forged_membership_id_removes_nothing(admin_client, area):
    """A role in another commune, or a learner place, is not the administrator's
    to remove — even with the id of a person they do manage."""
    other = Area.staff(area.school_b, Membership.Role.COORDINATOR, "gv_b")
    teacher = Area.staff(area.school, Membership.Role.COORDINATOR, "gv_a")
    url = reverse("people_admin:remove_role", args=[teacher.pk])
    before = snapshot()
    for forged in (
        Membership.objects.get(user=other).pk,
        Membership.objects.get(user=area.learner).pk,
        "abc",
        "99999999999999999999999",
    ):
        response = admin_client.post(url, {"membership": forged})
        assert response.status_code == 400
    assert snapshot() == before
