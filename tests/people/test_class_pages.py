"""The coordinator's class page: add, remove, reset passwords (new slips)."""

import pytest
from django.urls import reverse

from people.models import Membership, User
from tests.certificates.pdf_tools import raw_pdf_text
from tests.factories import (
    LearnerMembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_add_one_student_returns_their_slip(client, coordinator_a, class_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("coordinator:add_student", args=[class_a.pk]),
        {
            "full_name": "  Hoàng   Minh Đức ",
            "date_of_birth": "05/03/2010",
            "gender": "M",
        },
    )
    assert response["Content-Type"] == "application/pdf"
    student = User.objects.get(full_name="Hoàng Minh Đức")
    assert student.username == "duchm0503"
    assert student.date_of_birth.month == 3  # read day-first
    assert student.must_change_password
    assert "Hoàng Minh Đức" in raw_pdf_text(response.content)
    assert Membership.objects.filter(user=student, school_class=class_a).exists()


def test_add_student_with_bad_input_changes_nothing(client, coordinator_a, class_a):
    client.force_login(coordinator_a)
    response = client.post(
        reverse("coordinator:add_student", args=[class_a.pk]),
        {"full_name": "", "citizen_id": "12ab"},
    )
    assert response.status_code == 400
    assert User.objects.count() == 1  # the coordinator only


def test_reset_password_gives_a_new_slip_and_the_old_password_stops(
    client, coordinator_a, class_a, school_a
):
    member = LearnerMembershipFactory(school_class=class_a).user
    old_hash = member.password
    client.force_login(coordinator_a)
    response = client.post(
        reverse("coordinator:reset_passwords", args=[class_a.pk]), {"user": member.pk}
    )
    assert response["Content-Type"] == "application/pdf"
    member.refresh_from_db()
    assert member.password != old_hash and member.must_change_password
    assert member.username in raw_pdf_text(response.content)


def test_reset_refuses_a_student_of_another_class(
    client, coordinator_a, class_a, class_b
):
    outsider = Membership.objects.get(school_class=class_b).user
    client.force_login(coordinator_a)
    response = client.post(
        reverse("coordinator:reset_passwords", args=[class_a.pk]), {"user": outsider.pk}
    )
    assert response.status_code == 404
    response = client.post(
        reverse("coordinator:reset_passwords", args=[class_a.pk]), {"user": "abc"}
    )
    assert response.status_code == 404


def test_remove_keeps_the_account(client, coordinator_a, class_a, school_a):
    member = LearnerMembershipFactory(school_class=class_a).user
    client.force_login(coordinator_a)
    client.post(reverse("coordinator:remove_student", args=[class_a.pk, member.pk]))
    assert not Membership.objects.filter(user=member, school_class=class_a).exists()
    assert User.objects.filter(pk=member.pk).exists()


def test_class_list_is_sorted_the_vietnamese_way(
    client, coordinator_a, class_a, school_a
):
    for name in ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê An"]:
        LearnerMembershipFactory(user__full_name=name, school_class=class_a)
    client.force_login(coordinator_a)
    html = client.get(reverse("coordinator:class", args=[class_a.pk])).text
    positions = [html.index(n) for n in ["Lê An", "Nguyễn Thị Ánh", "Trần Văn Bình"]]
    assert positions == sorted(positions)
