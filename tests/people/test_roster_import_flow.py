"""From an uploaded class list to accounts and login slips, through the pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import Membership, RosterImport, SchoolClass, User
from tests.certificates.pdf_tools import raw_pdf_text
from tests.people.conftest import BASIS, roster_file

pytestmark = pytest.mark.django_db


def upload(client, school, name, capture, **extra):
    data = roster_file(name).read_bytes()
    with capture(execute=True):
        response = client.post(
            reverse("coordinator:upload"),
            {
                "organisation": school.pk,
                "school_year": "2026-2027",
                "default_class_name": extra.get("default_class_name", ""),
                "file": SimpleUploadedFile(name, data),
            },
        )
    assert response.status_code == 302, response.content
    return RosterImport.objects.latest("pk")


def confirm(client, job, capture):
    with capture(execute=True):
        response = client.post(
            reverse("coordinator:import_confirm", args=[job.pk]), BASIS
        )
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def slip_text(client, job):
    response = client.get(reverse("coordinator:import_slips", args=[job.pk]))
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    return raw_pdf_text(data)


def test_import_previews_then_creates_accounts_and_slips(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    job = upload(
        client, school_a, "roster_10A1_utf8-bom.csv", django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert job.status == RosterImport.Status.PREVIEW, job.preview
    assert job.preview["summary"]["create"] == 38
    assert job.preview["summary"]["new_classes"] == ["10A1"]
    assert not User.objects.filter(must_change_password=True).exists()  # preview only

    page = client.get(reverse("coordinator:import", args=[job.pk]))
    assert page.status_code == 200

    job = confirm(client, job, django_capture_on_commit_callbacks)
    assert job.status == RosterImport.Status.DONE, job.message
    students = User.objects.filter(memberships__school_class__name="10A1")
    assert students.count() == 38
    assert all(s.must_change_password for s in students)
    assert all(s.password.startswith("pbkdf2_sha256_temporary$") for s in students)
    anh = students.get(full_name="Trần Thị Thu Ánh")
    assert anh.username == "anhttt1606"
    assert anh.citizen_id == "006310670438"
    assert SchoolClass.objects.get(name="10A1").organisation == school_a

    text = slip_text(client, job)
    assert "Trần Thị Thu Ánh" in text and "anhttt1606" in text


def test_reimporting_the_same_file_changes_nothing_and_a_fix_updates(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks, tmp_path
):
    capture = django_capture_on_commit_callbacks
    client.force_login(coordinator_a)
    confirm(
        client, upload(client, school_a, "roster_10A1_utf8-bom.csv", capture), capture
    )
    before = set(User.objects.values_list("pk", "username", "password"))

    again = upload(client, school_a, "roster_10A1_utf8-bom.csv", capture)
    again.refresh_from_db()
    assert again.preview["summary"] == {
        "create": 0,
        "update": 0,
        "unchanged": 38,
        "new_classes": [],
    }
    again = confirm(client, again, capture)
    assert again.status == RosterImport.Status.DONE
    assert not again.slips
    assert set(User.objects.values_list("pk", "username", "password")) == before
    assert Membership.objects.filter(role="learner").count() == 38


def test_a_file_with_problems_creates_nothing_and_offers_the_rows(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    job = upload(
        client, school_a, "broken_bad-dates.csv", django_capture_on_commit_callbacks
    )
    job.refresh_from_db()
    assert job.status == RosterImport.Status.INVALID
    assert job.preview["problems"]
    assert all(p["row"] for p in job.preview["problems"])
    response = client.post(reverse("coordinator:import_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == RosterImport.Status.INVALID
    assert not User.objects.filter(must_change_password=True).exists()
    errors = client.get(reverse("coordinator:import_errors", args=[job.pk]))
    content = b"".join(errors.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")


def test_an_unreadable_file_gets_a_clear_message(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    job = upload(
        client,
        school_a,
        "broken_binary-garbage.csv",
        django_capture_on_commit_callbacks,
    )
    job.refresh_from_db()
    assert job.status == RosterImport.Status.INVALID
    assert job.message
    assert not User.objects.filter(must_change_password=True).exists()


def test_a_student_from_the_file_signs_in_with_the_slip_and_must_change(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    capture = django_capture_on_commit_callbacks
    job = confirm(
        client, upload(client, school_a, "roster_10A1_utf8-bom.csv", capture), capture
    )
    text = slip_text(client, job)
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if "anhttt1606" in line)
    password = next(
        line.split()[-1]
        for line in lines[index : index + 4]
        if len(line.split()[-1]) == 10 and line.split()[-1] != "anhttt1606"
    )
    client.logout()
    response = client.post(
        reverse("people:login"), {"username": "anhttt1606", "password": password}
    )
    assert response.status_code == 302
    response = client.get("/")
    assert response["Location"] == reverse("people:password_change")
