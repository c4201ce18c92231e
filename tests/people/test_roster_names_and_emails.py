"""Roster imports: names the slips cannot print and e-mails that clash are row
problems before anything is created; an apply whose slips fail creates nothing and
ends visibly failed (issue 14, findings 2 and 8)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from people.models import RosterImport, User
from people.rosters import jobs as roster_jobs
from people.rosters.importing import M_EMAIL_TAKEN, start_applying
from people.rosters.messages import M_DUPLICATE_EMAIL
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "Họ và tên,Ngày sinh,Lớp,Email\n"


def upload(client, school, text, capture):
    with capture(execute=True):
        response = client.post(
            reverse("coordinator:upload"),
            {
                "organisation": school.pk,
                "school_year": "2026-2027",
                "file": SimpleUploadedFile("lop.csv", (HEADER + text).encode()),
            },
        )
    assert response.status_code == 302
    job = RosterImport.objects.latest("pk")
    job.refresh_from_db()
    return job


def either_language(text):
    """The message as English or Vietnamese: the worker reads in the language active
    where it runs (the request's, when tasks run eagerly inside it)."""
    versions = []
    for language in ("en", "vi"):
        with translation.override(language):
            versions.append(str(text))
    return versions


def row_problems(client, school, rows, capture):
    """Upload rows the import must refuse: the problems it found, by row."""
    job = upload(client, school, rows, capture)
    assert job.status == RosterImport.Status.INVALID
    return problems(job)


def problems(job):
    return {p["row"]: p["message"] for p in job.preview["problems"]}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_names_the_slips_cannot_print_are_row_problems_and_nothing_is_created(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    rows = (
        "Hoàng Văn An,01/02/2010,10A1,\n"
        "Trần 王 Minh,02/02/2010,10A1,\n"
        "Lê Thị 😀,03/02/2010,10A1,\n"
        "Nguyễn\u202eVăn Bình,04/02/2010,10A1,\n"
        "Phạm\u200bThị Chi,05/02/2010,10A1,\n"
        "Giàng Aʼ Sùng,06/02/2010,10A1,\n"
    )
    found = row_problems(client, school_a, rows, django_capture_on_commit_callbacks)
    assert sorted(found) == [3, 4, 5, 6]
    assert "“王”" in found[3] and "“😀”" in found[4]
    assert "U+202E" in found[5] and "U+200B" in found[6]
    assert User.objects.count() == 1  # the coordinator only


def test_an_email_taken_in_another_case_is_a_row_problem(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    sogd = UserFactory(username="sogd", email="sogd@demo.example.vn")
    client.force_login(coordinator_a)
    rows = (
        "Hoàng Văn An,01/02/2010,10A1,SOGD@demo.example.vn\n"
        "Lê Thị Bình,02/02/2010,10A1,Binh@Example.vn\n"
        "Lê Thị Chi,03/02/2010,10A1,binh@example.VN\n"
    )
    found = row_problems(client, school_a, rows, django_capture_on_commit_callbacks)
    assert sorted(found) == [2, 4]
    assert found[2] in either_language(M_EMAIL_TAKEN)
    assert "3" in found[4] and found[4].replace("3", "%(first)s") in either_language(
        M_DUPLICATE_EMAIL
    )
    sogd.refresh_from_db()
    assert sogd.email == "sogd@demo.example.vn"
    assert User.objects.count() == 2


def test_an_apply_whose_slips_fail_creates_nothing_and_ends_failed(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(coordinator_a)
    rows = "Hoàng Văn An,01/02/2010,10A1,\nLê Thị Bình,02/02/2010,10A1,\n"
    job = upload(client, school_a, rows, django_capture_on_commit_callbacks)
    assert job.status == RosterImport.Status.PREVIEW, job.preview

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(roster_jobs, "render_slips", broken)
    assert start_applying(job)
    with translation.override("en"):  # a request left its language active
        roster_jobs.apply_import(job.pk)
    job.refresh_from_db()
    assert job.status == RosterImport.Status.FAILED
    assert "login slips could not be printed" in job.message
    assert not job.slips
    assert User.objects.count() == 1  # no account without its slip
