"""Forged and tampered requests: no CSRF token, somebody else's ids, script in names,
an oversized upload. Each is refused (or rendered harmless) and changes nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from certificates.models import Certificate
from courses.models import ClassEnrolment, Enrolment
from people.models import Membership, RosterImport, User
from people.rosters.limits import MAX_UPLOAD_BYTES
from tests.certificates.conftest import complete
from tests.certificates.pdf_tools import raw_pdf_text
from tests.factories import learner_in

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x.example","Bấm")'


@pytest.fixture(autouse=True)
def _no_sign_in_throttling(settings):
    settings.AXES_ENABLED = False  # force_login; throttling has its own tests


def signed_in(user, **options):
    client = Client(**options)
    client.force_login(user)
    return client


def quiz_url(world, name, attempt):
    page = world.quiz_page
    return page.url + page.reverse_subpage(name, args=[attempt.pk])


# --------------------------------------------------------------------- CSRF


def test_posts_without_a_csrf_token_are_refused_and_change_nothing(world):
    coordinator = signed_in(world.coordinator_a, enforce_csrf_checks=True)
    learner = signed_in(world.learner_a, enforce_csrf_checks=True)
    forged = [
        (
            coordinator,
            reverse(
                "coordinator:remove_student",
                args=[world.class_a.pk, world.learner_a.pk],
            ),
            {},
        ),
        (
            coordinator,
            reverse("class_courses:unenrol", args=[world.class_a.pk, world.course.pk]),
            {},
        ),
        (
            coordinator,
            reverse("certificates:reissue", args=[world.certificate_a.pk]),
            {},
        ),
        (
            coordinator,
            reverse("certificates:revoke", args=[world.certificate_a.pk]),
            {"reason": "giả mạo"},
        ),
        (learner, quiz_url(world, "submit", world.attempt_a), {}),
        (learner, reverse("people:password_change"), {}),
    ]
    for client, url, data in forged:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "CSRF" in response.content.decode() or "hết hạn" in (
            response.content.decode()
        ), url

    assert Membership.objects.filter(
        user=world.learner_a, school_class=world.class_a
    ).exists()
    assert ClassEnrolment.objects.filter(school_class=world.class_a).exists()
    assert Certificate.objects.get(pk=world.certificate_a.pk).status == "issued"
    assert Certificate.objects.count() == 1
    world.attempt_a.refresh_from_db()
    assert world.attempt_a.submitted_at is None


def test_sign_in_without_a_csrf_token_is_refused(world, password):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("people:login"), {"username": "hocsinh_a", "password": password}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


# --------------------------------------------------------------------- other ids


def test_a_learner_cannot_touch_another_learners_attempt(world):
    other = signed_in(world.learner_b)
    Enrolment.objects.create(user=world.learner_b, course=world.course)
    attempt = world.attempt_a
    choice = attempt.snapshot[0]["choices"][0]["key"]
    key = attempt.snapshot[0]["key"]
    assert other.get(quiz_url(world, "attempt", attempt)).status_code == 404
    assert other.get(quiz_url(world, "result", attempt)).status_code == 404
    saved = other.post(
        reverse("courses:autosave", args=[attempt.pk]),
        data=f'{{"answers": {{"{key}": ["{choice}"]}}}}',
        content_type="application/json",
    )
    assert saved.status_code == 404
    assert (
        other.post(quiz_url(world, "submit", attempt), {key: choice}).status_code == 404
    )
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assert not attempt.answers


def test_a_coordinator_cannot_reach_another_schools_people_by_mixing_ids(world):
    """Their own class id with school A's student, or school A's class: both 404."""
    coordinator_b = signed_in(world.coordinator_b)
    tries = [
        reverse(
            "coordinator:remove_student", args=[world.class_b.pk, world.learner_a.pk]
        ),
        reverse(
            "coordinator:remove_student", args=[world.class_a.pk, world.learner_a.pk]
        ),
        reverse("class_courses:enrol", args=[world.class_a.pk, world.course.pk]),
        reverse("coordinator:reset_passwords", args=[world.class_a.pk]),
        reverse("certificates:revoke", args=[world.certificate_a.pk]),
        reverse("certificates:reissue", args=[world.certificate_a.pk]),
        reverse("coordinator:import_confirm", args=[world.roster_a.pk]),
    ]
    password_before = User.objects.get(pk=world.learner_a.pk).password
    for url in tries:
        response = coordinator_b.post(url, {"reason": "thử"})
        assert response.status_code == 404, url
    assert Membership.objects.filter(
        user=world.learner_a, school_class=world.class_a
    ).exists()
    assert User.objects.get(pk=world.learner_a.pk).password == password_before
    assert Certificate.objects.get(pk=world.certificate_a.pk).status == "issued"
    world.roster_a.refresh_from_db()
    assert world.roster_a.status == RosterImport.Status.PREVIEW
    downloads = [
        reverse("certificates:download", args=[world.certificate_a.verification_code]),
        reverse("coordinator:import_slips", args=[world.roster_a.pk]),
        reverse(
            "certificates:class_archive_download",
            args=[world.class_a.pk, world.archive_a.pk],
        ),
    ]
    for url in downloads:
        assert coordinator_b.get(url).status_code == 404, url
        assert signed_in(world.viewer_b).get(url).status_code == 404, url


def test_a_learner_cannot_download_another_learners_certificate(world):
    url = reverse("certificates:download", args=[world.certificate_a.verification_code])
    assert signed_in(world.learner_b).get(url).status_code == 404
    assert signed_in(world.learner_a).get(url).status_code == 200


# --------------------------------------------------------------------- script in names


def _upload_roster(client, world, rows, capture):
    header = "STT,Họ và tên,Ngày sinh,Giới tính,Mã học sinh,Số định danh cá nhân,Lớp\n"
    body = io.StringIO()
    writer = csv.writer(body)
    for row in rows:
        writer.writerow(row)
    data = ("\ufeff" + header + body.getvalue()).encode()
    with capture(execute=True):
        response = client.post(
            reverse("coordinator:upload"),
            {
                "organisation": world.school_a.pk,
                "school_year": "2026-2027",
                "default_class_name": "",
                "file": SimpleUploadedFile("10A1.csv", data),
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return RosterImport.objects.latest("pk")


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_roster_refuses_script_and_formulas_in_names_row_by_row(
    world, django_capture_on_commit_callbacks
):
    client = signed_in(world.coordinator_a)
    users_before = User.objects.count()
    job = _upload_roster(
        client,
        world,
        [
            [1, SCRIPT, "16/06/2010", "Nữ", "7985723412", "006310670438", "10A1"],
            [2, FORMULA, "02/10/2010", "Nam", "8960830141", "006310684563", "10A1"],
            [
                3,
                "Lò Văn Páo",
                "03/11/2010",
                "Nam",
                "8960830142",
                "006310684564",
                "10A1",
            ],
        ],
        django_capture_on_commit_callbacks,
    )
    job.refresh_from_db()
    assert job.status == RosterImport.Status.INVALID
    assert {problem["row"] for problem in job.preview["problems"]} == {2, 3}
    preview = client.get(reverse("coordinator:import", args=[job.pk])).content.decode()
    assert SCRIPT not in preview and "<script>alert" not in preview
    assert "&lt;" in preview  # the offending characters are named, as text
    assert User.objects.count() == users_before


def test_script_and_formulas_in_names_stay_text_in_pages_pdfs_and_exports(
    world, django_capture_on_commit_callbacks
):
    """Names that reach the database another way (the admin's user editor, an old
    import) are still only text: escaped in HTML, printed in PDFs, no formulas."""
    capture = django_capture_on_commit_callbacks
    scripted = learner_in(world.class_a, full_name=SCRIPT)
    formula = learner_in(world.class_a, full_name=FORMULA)
    client = signed_in(world.coordinator_a)

    page = client.get(reverse("coordinator:class", args=[world.class_a.pk]))
    assert SCRIPT not in page.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.content.decode()

    slips = client.post(reverse("coordinator:reset_passwords", args=[world.class_a.pk]))
    assert slips["Content-Type"] == "application/pdf"
    assert SCRIPT in raw_pdf_text(body(slips))

    # the certificate (ReportLab paragraphs read markup: it must stay text)
    enrolment = Enrolment.objects.create(user=scripted, course=world.course)
    with capture(execute=True):
        complete(enrolment)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.status == "issued", certificate.last_error
    with certificate.pdf.open("rb") as pdf:
        assert SCRIPT in raw_pdf_text(pdf.read())
    verify = Client().get(
        reverse("certificates:verify_code", args=[certificate.verification_code])
    )
    assert verify.status_code == 200
    assert SCRIPT not in verify.content.decode()

    # progress exports: the text is there, no formula is
    Enrolment.objects.create(user=formula, course=world.course)
    csv_response = client.get(
        reverse("class_progress:progress_csv", args=[world.class_a.pk])
    )
    text = body(csv_response).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert SCRIPT in cells
    assert FORMULA not in cells and "'" + FORMULA in cells

    xlsx_response = client.get(
        reverse("class_progress:progress_xlsx", args=[world.class_a.pk])
    )
    sheet = load_workbook(io.BytesIO(body(xlsx_response))).active
    values = [cell for row in sheet.iter_rows() for cell in row]
    named = [c for c in values if str(c.value or "").lstrip("'") == FORMULA]
    assert named and all(c.data_type == "s" for c in named)
    assert not any(c.data_type == "f" for c in values)


# --------------------------------------------------------------------- uploads


def test_an_oversized_roster_gets_a_clear_message_and_creates_nothing(world):
    client = signed_in(world.coordinator_a)
    users_before = User.objects.count()
    big = SimpleUploadedFile(
        "10A1.csv",
        b"STT,H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan\n" + b"x" * MAX_UPLOAD_BYTES,
    )
    response = client.post(
        reverse("coordinator:upload"),
        {
            "organisation": world.school_a.pk,
            "school_year": "2026-2027",
            "default_class_name": "10A1",
            "file": big,
        },
    )
    assert response.status_code == 200  # the form again, with the message
    text = response.content.decode()
    assert "5 MB" in text
    assert RosterImport.objects.count() == 1  # only the world's own
    assert User.objects.count() == users_before
