"""Verification, downloads, the class page and its ZIP, and the learner's links."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from certificates import archives, issuing
from certificates.models import Certificate, ClassArchive
from certificates.views import VERIFY_LIMIT
from courses.models import Enrolment
from people.models import Membership
from tests.certificates.conftest import complete
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    learner_in,
    member_of,
)


def verify_url(certificate):
    return reverse("certificates:verify_code", args=[certificate.verification_code])


@pytest.fixture
def certificate(completed):
    return Certificate.objects.get()


# --------------------------------------------------------------------- verification


def test_valid_certificate_shows_only_what_is_printed(
    client, certificate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(verify_url(certificate))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    html = response.text
    assert 'name="robots" content="noindex, nofollow"' in html
    assert 'data-verification="issued"' in html
    assert "Nguyễn Thị Ánh Tuyết" in html
    assert "Công dân số an toàn" in html
    assert certificate.serial in html
    assert certificate.issuing_body in html
    assert "14/09/2011" not in html  # the date of birth stays private
    assert "10A1" not in html


def test_the_form_leads_to_the_result_and_forgives_typing(client, certificate):
    typed = certificate.display_code.lower()
    response = client.get(reverse("certificates:verify"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate)


def test_bad_code_in_the_form_gets_a_message(client, db):
    with translation.override("en"):
        response = client.get(
            reverse("certificates:verify"), {"code": "xyz"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 200
    assert 'class="error"' in response.text


def test_unknown_and_unissued_codes_are_not_found(client, certificate):
    response = client.get(reverse("certificates:verify_code", args=["7KQ4M2XD9PTRA"]))
    assert response.status_code == 404
    assert 'data-verification="not_found"' in response.text
    Certificate.objects.update(status="pending")
    response = client.get(verify_url(certificate))
    assert response.status_code == 404


def test_revoked_certificate_says_so_with_the_date(client, certificate, coordinator):
    issuing.revoke(certificate, "Cấp nhầm", by=coordinator)
    certificate.refresh_from_db()
    response = client.get(verify_url(certificate))
    assert 'data-verification="revoked"' in response.text
    assert certificate.revoked_at.astimezone().strftime("%d/%m/%Y") in response.text
    assert "Cấp nhầm" not in response.text  # the reason is internal


def test_replaced_certificate_links_to_the_new_one(
    client, certificate, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = issuing.reissue(certificate, by=coordinator)
    response = client.get(verify_url(certificate))
    assert 'data-verification="replaced"' in response.text
    assert f'href="{verify_url(new)}" data-replacement' in response.text
    response = client.get(verify_url(new))
    assert 'data-verification="issued"' in response.text


def test_look_ups_are_rate_limited_per_address(client, certificate):
    url = verify_url(certificate)
    for _ in range(VERIFY_LIMIT):
        assert client.get(url).status_code == 200
    response = client.get(url)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    with translation.override("en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    # another address is not affected
    assert client.get(url, REMOTE_ADDR="10.0.0.9").status_code == 200


# --------------------------------------------------------------------- downloads


def test_holder_downloads_the_stored_file(client, certificate):
    client.force_login(certificate.holder)
    response = client.get(
        reverse("certificates:download", args=[certificate.verification_code])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Nguyen_Thi_Anh_Tuyet" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    with certificate.pdf.open("rb") as handle:
        assert body == handle.read()


def test_others_cannot_download(client, certificate, school_class):
    url = reverse("certificates:download", args=[certificate.verification_code])
    assert client.get(url).status_code == 302  # sign in first
    classmate = learner_in(school_class, full_name="Lê Văn Tám")
    client.force_login(classmate)
    assert client.get(url).status_code == 404
    stranger_school = OrganisationFactory(name="Trường khác")
    coordinator = member_of(stranger_school, Membership.Role.COORDINATOR)
    client.force_login(coordinator)
    assert client.get(url).status_code == 404


def test_coordinator_above_the_school_may_download(client, certificate, province):
    officer = member_of(province, Membership.Role.COORDINATOR)
    client.force_login(officer)
    response = client.get(
        reverse("certificates:download", args=[certificate.verification_code])
    )
    assert response.status_code == 200


def test_revoked_certificate_is_no_longer_downloaded_by_its_holder(client, certificate):
    issuing.revoke(certificate, "Sai thông tin")
    client.force_login(certificate.holder)
    response = client.get(
        reverse("certificates:download", args=[certificate.verification_code])
    )
    assert response.status_code == 404


# --------------------------------------------------------------------- learner pages


def test_my_learning_links_the_certificates_in_bounded_queries(
    client,
    learner,
    home_page,
    portal,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    from tests.factories import CourseFactory

    for n in range(3):
        course = CourseFactory(parent=home_page, lessons=1, slug=f"khoa-{n}")
        enrolment = Enrolment.objects.create(user=learner, course=course)
        with django_capture_on_commit_callbacks(execute=True):
            complete(enrolment)
    assert Certificate.objects.issued().count() == 3
    client.force_login(learner)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("courses:my_learning"))
    html = response.text
    for certificate in Certificate.objects.all():
        assert (
            reverse("certificates:download", args=[certificate.verification_code])
            in html
        )
    assert html.count('data-certificate-status="issued"') == 3


def test_course_page_links_the_certificate(client, certificate):
    client.force_login(certificate.holder)
    response = client.get(certificate.enrolment.course.url)
    assert (
        reverse("certificates:download", args=[certificate.verification_code])
        in response.text
    )


def test_pending_certificate_is_announced_not_linked(client, certificate):
    Certificate.objects.update(status="pending")
    client.force_login(certificate.holder)
    response = client.get(reverse("courses:my_learning"))
    assert 'data-certificate-status="pending"' in response.text
    assert (
        reverse("certificates:download", args=[certificate.verification_code])
        not in response.text
    )


# --------------------------------------------------------------------- coordinators


def test_class_page_is_for_coordinators_of_the_school_or_above(
    client, certificate, school_class, coordinator, province
):
    url = reverse("certificates:class_certificates", args=[school_class.pk])
    client.force_login(certificate.holder)
    assert client.get(url).status_code == 404
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert f'data-certificate="{certificate.pk}"' in response.text
    other = UserFactory()
    MembershipFactory(
        user=other, organisation=OrganisationFactory(), role="coordinator"
    )
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("certificates:class_certificates", args=[999999])
        ).status_code
        == 404
    )


def test_coordinator_revokes_and_reissues_from_the_class_page(
    client, certificate, coordinator, school_class, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    back = reverse("certificates:class_certificates", args=[school_class.pk])
    revoke_url = reverse("certificates:revoke", args=[certificate.pk])
    assert client.get(revoke_url).status_code == 200
    response = client.post(revoke_url, {"reason": "  ", "next": back})
    assert response.status_code == 200  # the form again, nothing changed
    certificate.refresh_from_db()
    assert certificate.status == "issued"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:reissue", args=[certificate.pk]), {"next": back}
        )
    assert response.status_code == 302 and response["Location"] == back
    certificate.refresh_from_db()
    assert certificate.status == "replaced"
    new = certificate.replaced_by
    response = client.post(
        reverse("certificates:revoke", args=[new.pk]),
        {"reason": "Học viên gian lận", "next": "https://evil.example/"},
    )
    assert response["Location"] == verify_url(new)  # no open redirect
    new.refresh_from_db()
    assert new.status == "revoked"


def test_learner_cannot_revoke(client, certificate):
    client.force_login(certificate.holder)
    response = client.post(
        reverse("certificates:revoke", args=[certificate.pk]), {"reason": "x"}
    )
    assert response.status_code == 404


def test_ascii_file_names_sort_the_vietnamese_way():
    assert archives.ascii_name("Nguyễn Thị Ánh Tuyết") == "Nguyen_Thi_Anh_Tuyet"
    assert archives.ascii_name("Đàm Quốc Việt") == "Dam_Quoc_Viet"
    assert archives.ascii_name("  ") == "chung_nhan"


def test_class_zip_is_built_in_the_background_with_progress(
    client, school_class, coordinator, course, django_capture_on_commit_callbacks
):
    names = ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An", "Đàm Quốc Ánh"]
    for name in names:
        enrolment = Enrolment.objects.create(
            user=learner_in(school_class, full_name=name), course=course
        )
        with django_capture_on_commit_callbacks(execute=True):
            complete(enrolment)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:class_zip", args=[school_class.pk]),
            {"course": course.pk},
        )
    archive = ClassArchive.objects.get()
    assert response["Location"] == reverse(
        "certificates:class_archive", args=[school_class.pk, archive.pk]
    )
    assert archive.status == "done" and archive.total == archive.done == 4
    page = client.get(response["Location"])
    assert 'data-archive-status="done"' in page.text
    download = client.get(
        reverse(
            "certificates:class_archive_download", args=[school_class.pk, archive.pk]
        )
    )
    assert download["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    # Given name first (An < Ánh < Bình); the two Ánh by the rest: Đàm < Nguyễn.
    assert bundle.namelist() == [
        "01_Le_Van_An.pdf",
        "02_Dam_Quoc_Anh.pdf",
        "03_Nguyen_Thi_Anh.pdf",
        "04_Tran_Van_Binh.pdf",
    ]
    assert all(name.isascii() for name in bundle.namelist())
    assert bundle.read("01_Le_Van_An.pdf")[:5] == b"%PDF-"


def test_class_zip_of_another_school_is_not_found(client, school_class, db):
    stranger = UserFactory()
    MembershipFactory(
        user=stranger, organisation=OrganisationFactory(), role="coordinator"
    )
    client.force_login(stranger)
    response = client.post(
        reverse("certificates:class_zip", args=[school_class.pk]), {"course": ""}
    )
    assert response.status_code == 404
    assert not ClassArchive.objects.exists()


def test_progress_page_refreshes_while_building(client, school_class, coordinator):
    archive = ClassArchive.objects.create(
        school_class=school_class,
        requested_by=coordinator,
        total=40,
        done=10,
        status="running",
    )
    client.force_login(coordinator)
    response = client.get(
        reverse("certificates:class_archive", args=[school_class.pk, archive.pk])
    )
    # Updated in place by a script (a timed meta refresh fails WCAG 2.2.1).
    assert 'data-live-progress="2"' in response.text
    assert "js/live-progress.js" in response.text
    assert 'http-equiv="refresh"' not in response.text
    assert 'max="40" value="10"' in response.text
    other = member_of(school_class.organisation, Membership.Role.COORDINATOR)
    client.force_login(other)  # someone else's archive
    response = client.get(
        reverse("certificates:class_archive", args=[school_class.pk, archive.pk])
    )
    assert response.status_code == 404


def test_class_page_queries_do_not_grow_with_the_class(
    client,
    school_class,
    coordinator,
    course,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    for n in range(6):
        enrolment = Enrolment.objects.create(
            user=learner_in(school_class, full_name=f"Học Viên {n}"), course=course
        )
        with django_capture_on_commit_callbacks(execute=True):
            complete(enrolment)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("certificates:class_certificates", args=[school_class.pk])
        )
    assert response.text.count("data-certificate=") == 6
