"""The rights of the 2025 Personal Data Protection Law: a person's copy of their
data, corrections, and erasure that keeps statistics and certificates standing.

The world of tests/security (two schools in two communes, learner A with a
completed course, an attempt, a certificate and a reminder) is the setting.
"""

import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment, LessonProgress, QuizAttempt
from people.models import AuditEntry, DataRequest, Membership, User
from reports.dashboard.queries import summary
from reports.filters import ReportFilters
from tests.factories import learner_in, member_of

pytestmark = pytest.mark.django_db

ADULT = date(2000, 5, 17)
CHILD = date(2012, 9, 2)


def _signed_in(client, user):
    client.force_login(user)
    return client


def _verdict(client, certificate):
    response = client.get(
        reverse("certificates:verify_code", args=[certificate.verification_code])
    )
    page = response.content.decode()
    state = page.split('data-verification="')[1].split('"')[0]
    holder = page.split("data-holder>")[1].split("<")[0]
    return response.status_code, state, holder


def _statistics(world):
    viewer = member_of(world.province, Membership.Role.VIEWER)
    figures = summary(ReportFilters.for_user(viewer, {}))
    viewer.delete()
    return figures


def test_the_copy_holds_the_learners_data_and_nobody_elses(
    world, client, django_assert_max_num_queries
):
    learner = world.learner_a
    learner.citizen_id = "001203004005"
    learner.save()
    # Ten more attempts: the copy's query count must not grow with them.
    for number in range(2, 12):
        QuizAttempt.objects.create(
            enrolment=world.enrolment_a,
            quiz=world.quiz_page,
            number=number + 10,
            submitted_at=timezone.now(),
        )
    _signed_in(client, learner)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("people:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    copy = json.loads(response.content)["sections"]
    assert copy["account"][0]["full_name"] == "Lý Thị Mai"
    assert copy["account"][0]["citizen_id"] == "001203004005"
    assert [m["organisation__name"] for m in copy["memberships"]] == [
        world.school_a.name
    ]
    assert len(copy["enrolments"]) == 1
    assert (
        len(copy["lesson_progress"])
        == LessonProgress.objects.filter(enrolment=world.enrolment_a).count()
    )
    assert len(copy["quiz_attempts"]) == 12
    assert [c["verification_code"] for c in copy["certificates"]] == [
        world.certificate_a.verification_code
    ]
    assert len(copy["notices"]) == 1

    # one query per section (people/personal_data.py), the sign-in identities included
    with django_assert_max_num_queries(13):
        page = client.get(reverse("people:my_data"))
    html = page.content.decode()
    assert "001203004005" in html and world.certificate_a.serial in html
    for body in (response.content.decode(), html):
        assert "Hà Văn Nam" not in body and "hocsinh_b" not in body


def test_learner_corrects_their_contact_details_with_their_password(world, client):
    learner = _signed_in(client, world.learner_a) and world.learner_a
    url = reverse("people:my_contact")
    wrong = client.post(url, {"email": "mai@example.vn", "phone": "", "password": "x"})
    assert wrong.status_code == 400
    assert User.objects.get(pk=learner.pk).email != "mai@example.vn"
    learner.set_password("Mật-khẩu-đúng-1")
    learner.save()
    _signed_in(client, learner)
    good = client.post(
        url,
        {
            "email": "Mai@Example.vn",
            "phone": "0912 345 678",
            "password": "Mật-khẩu-đúng-1",
        },
    )
    assert good.status_code == 302
    learner.refresh_from_db()
    assert (learner.email, learner.phone) == ("mai@example.vn", "0912 345 678")


def test_an_adults_erasure_keeps_statistics_and_the_certificate(world, client):
    learner, certificate = world.learner_a, world.certificate_a
    User.objects.filter(pk=learner.pk).update(date_of_birth=ADULT, phone="0912000111")
    # One not issued yet: nothing frozen, so it must not be issued to the placeholder.
    pending = Certificate.objects.create(holder=learner, verification_code="PENDING1")
    before_figures = _statistics(world)
    rows = (Enrolment.objects.count(), QuizAttempt.objects.count())
    assert _verdict(client, certificate) == (200, "issued", "Lý Thị Mai")
    asked_at = timezone.now()

    learner_client = _signed_in(client.__class__(), learner)
    filed = learner_client.post(reverse("people:my_request"), {"kind": "erasure"})
    assert filed.status_code == 302
    request = DataRequest.objects.get(subject=learner, kind="erasure")
    assert request.kind == "erasure" and not request.revoke_certificates
    assert not request.for_guardian and request.organisation == world.school_a

    # The coordinator of another school: not even the request's existence.
    other = _signed_in(client.__class__(), world.coordinator_b)
    assert (
        other.get(reverse("data_requests:detail", args=[request.pk])).status_code == 404
    )
    refused = other.post(
        reverse("data_requests:handle", args=[request.pk]),
        {"status": "done", "confirm": "on"},
    )
    assert refused.status_code == 404
    assert request.pk not in [
        r.pk for r in other.get(reverse("data_requests:list")).context["page"]
    ]

    staff = _signed_in(client.__class__(), world.coordinator_a)
    handle = reverse("data_requests:handle", args=[request.pk])
    unconfirmed = staff.post(handle, {"status": "done"})
    assert unconfirmed.status_code == 400
    assert User.objects.get(pk=learner.pk).full_name == "Lý Thị Mai"
    assert staff.post(handle, {"status": "done", "confirm": "on"}).status_code == 302

    erased = User.objects.get(pk=learner.pk)
    assert erased.full_name == "Người dùng đã xoá"
    assert (erased.date_of_birth, erased.citizen_id, erased.phone) == (None, "", "")
    assert erased.username != "hocsinh_a" and not erased.is_active
    assert not erased.has_usable_password()
    # The learner's own session is over.
    assert learner_client.get(reverse("people:my_data")).status_code == 302
    assert (Enrolment.objects.count(), QuizAttempt.objects.count()) == rows
    # The API's readers of what changed see the enrolments again, now anonymous.
    mine = Enrolment.objects.filter(user=learner)
    assert mine.exists() and not mine.filter(updated_at__lt=asked_at).exists()
    assert _statistics(world) == before_figures
    assert _verdict(client, certificate) == (200, "issued", "Lý Thị Mai")
    pending.refresh_from_db()
    assert pending.status == Certificate.Status.REVOKED
    assert User.objects.get(pk=world.learner_b.pk).full_name == "Hà Văn Nam"
    request.refresh_from_db()
    assert (request.status, request.handled_by) == ("done", world.coordinator_a)
    actions = set(
        AuditEntry.objects.filter(target_user=learner).values_list("action", flat=True)
    )
    assert {"data_request", "erasure"} <= actions


def test_a_minors_erasure_comes_from_the_guardian_and_may_revoke(world, client):
    learner, certificate = world.learner_a, world.certificate_a
    User.objects.filter(pk=learner.pk).update(date_of_birth=CHILD)
    child = _signed_in(client.__class__(), learner)
    child.post(reverse("people:my_request"), {"kind": "erasure"})
    assert not DataRequest.objects.filter(kind="erasure").exists()  # not alone

    file_url = reverse("data_requests:file", args=[learner.pk])
    other = _signed_in(client.__class__(), world.coordinator_b)
    assert other.get(file_url).status_code == 404
    staff = _signed_in(client.__class__(), world.coordinator_a)
    assert staff.post(file_url, {"kind": "erasure"}).status_code == 400  # no guardian
    staff.post(
        file_url,
        {
            "kind": "erasure",
            "guardian_name": "Lý Văn Hùng",
            "revoke_certificates": "on",
        },
    )
    request = DataRequest.objects.get(subject=learner, kind="erasure")
    assert request.for_guardian and request.guardian_name == "Lý Văn Hùng"
    assert request.filed_by == world.coordinator_a and request.revoke_certificates
    staff.post(
        reverse("data_requests:handle", args=[request.pk]),
        {"status": "done", "confirm": "on"},
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert _verdict(client, certificate) == (200, "revoked", "Lý Thị Mai")


def test_administrators_list_their_subtree_with_overdue_requests_marked(
    world, client, django_assert_max_num_queries
):
    from people.data_requests import file_request

    for i in range(6):
        file_request(learner_in(world.class_a), world.coordinator_a, "access",
                     guardian_name=f"Phụ huynh {i}")  # fmt: skip
    file_request(world.learner_b, world.learner_b, "correction", details="Tên")
    DataRequest.objects.filter(pk__in=DataRequest.objects.order_by("pk")[:2]).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    admin = _signed_in(client, world.administrator_a)
    with django_assert_max_num_queries(10):
        page = admin.get(reverse("data_requests:list"))
    listed = list(page.context["page"])  # six and the world's own
    assert len(listed) == 7 and all(r.organisation == world.school_a for r in listed)
    assert page.context["overdue"] == 2
    assert page.content.decode().count('class="overdue"') == 2

    # An access request: the school hands over the copy, and the access is logged.
    access = listed[0]
    detail = admin.get(reverse("data_requests:detail", args=[access.pk]))
    assert access.guardian_name in detail.content.decode()
    printable = admin.get(reverse("data_requests:copy", args=[access.pk]))
    assert access.subject.username in printable.content.decode()
    copy = admin.get(reverse("data_requests:copy_json", args=[access.pk]))
    assert json.loads(copy.content)["account_id"] == access.subject_id
    assert AuditEntry.objects.filter(
        action="personal_view", target_user=access.subject
    ).exists()
    other = _signed_in(client.__class__(), world.administrator_b)
    assert other.get(reverse("data_requests:copy", args=[access.pk])).status_code == 404
