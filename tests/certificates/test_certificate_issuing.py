"""Issuing: once per enrolment, frozen at issue, corrected by reissue, revoked."""

import hashlib
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates import issuing
from certificates.codes import ALPHABET, CODE_LENGTH, format_code, normalise_code
from certificates.models import Certificate, CertificateTemplateCourse, SerialCounter
from certificates.tasks import issue_certificate, requeue_stuck_certificates
from courses.models import Enrolment
from courses.signals import course_completed
from tests.certificates.conftest import ISSUING_BODY, complete
from tests.certificates.pdf_tools import pdf_text
from tests.factories import learner_in


def read(certificate):
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def test_completion_issues_one_certificate_with_frozen_data(completed, mailoutbox):
    certificate = Certificate.objects.get()
    assert certificate.enrolment == completed
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.holder_name == "Nguyễn Thị Ánh Tuyết"
    assert certificate.holder_birth_date.isoformat() == "2011-09-14"
    assert certificate.holder_unit == "Lớp 10A1, Trường THPT Bắc Kạn"
    assert certificate.course_title == "Công dân số an toàn"
    assert certificate.completed_on == timezone.localdate(completed.completed_at)
    assert certificate.score == Decimal("87.50")
    assert certificate.issuing_body == ISSUING_BODY
    assert certificate.place_name == "Thái Nguyên"
    year = timezone.localdate().year
    assert certificate.serial == f"00001/{year}/GCN"
    data = read(certificate)
    assert hashlib.sha256(data).hexdigest() == certificate.sha256
    text, _pages = pdf_text(data)
    assert "Nguyễn Thị Ánh Tuyết" in text and certificate.serial in text
    # "your certificate is ready", with links to download and verify
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [completed.user.email]
    assert certificate.verification_code in mailoutbox[0].body


def test_no_email_without_an_address(
    learner, course, mailoutbox, django_capture_on_commit_callbacks
):
    learner.email = ""
    learner.save()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment)
    assert Certificate.objects.get().status == "issued"
    assert mailoutbox == []


def test_a_name_stored_before_the_name_rule_still_gets_its_certificate(
    learner, course, django_capture_on_commit_callbacks
):
    # Issue 14, finding 2: the font lacks 王, so issuing used to end "failed".
    learner.full_name = "Trần 王 Minh"
    learner.save()
    enrolment = Enrolment.objects.create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment)
    certificate = Certificate.objects.get()
    assert certificate.status == Certificate.Status.ISSUED
    text, _pages = pdf_text(read(certificate))
    assert "Trần ? Minh" in text


def test_best_score_is_the_highest_submitted_attempt(completed):
    from courses.models import QuizAttempt

    attempt = QuizAttempt.objects.get(enrolment=completed)
    QuizAttempt.objects.create(
        enrolment=completed,
        quiz=attempt.quiz,
        number=2,
        submitted_at=timezone.now(),
        score=Decimal("95"),
        passed=True,
    )
    QuizAttempt.objects.create(  # open, not submitted: does not count
        enrolment=completed, quiz=attempt.quiz, number=3, score=Decimal("100")
    )
    assert issuing.best_score(completed) == Decimal("95")


def test_signal_and_task_delivered_again_change_nothing(
    completed, django_capture_on_commit_callbacks
):
    certificate = Certificate.objects.get()
    data, serial = read(certificate), certificate.serial
    with django_capture_on_commit_callbacks(execute=True):
        course_completed.send(sender=Enrolment, enrolment=completed)
        issue_certificate.delay(certificate.pk)
        issuing.issue(certificate.pk)
    assert Certificate.objects.count() == 1
    certificate.refresh_from_db()
    assert certificate.serial == serial
    assert read(certificate) == data
    assert SerialCounter.objects.get().last == 1


def test_database_allows_one_live_certificate_per_enrolment(completed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(enrolment=completed, verification_code="X" * 13)


def test_downloads_never_change_when_the_name_changes_later(completed):
    certificate = Certificate.objects.get()
    before = read(certificate)
    user = completed.user
    user.full_name = "Nguyễn Thị Ánh Hồng"
    user.save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Nguyễn Thị Ánh Tuyết"
    assert read(certificate) == before


def test_reissue_after_a_name_correction(
    completed, coordinator, django_capture_on_commit_callbacks
):
    old = Certificate.objects.get()
    user = completed.user
    user.full_name = "Nguyễn Thị Ánh Hồng"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        new = issuing.reissue(old, by=coordinator)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == Certificate.Status.REPLACED
    assert old.replaced_by == new
    assert old.changed_by == coordinator
    assert new.status == Certificate.Status.ISSUED
    assert new.serial != old.serial and new.serial.startswith("00002/")
    assert new.verification_code != old.verification_code
    text, _pages = pdf_text(read(new))
    assert "Nguyễn Thị Ánh Hồng" in text
    with pytest.raises(issuing.CertificateError):
        issuing.reissue(old)


def test_revoke_needs_a_reason(completed, coordinator):
    certificate = Certificate.objects.get()
    with pytest.raises(issuing.CertificateError):
        issuing.revoke(certificate, "   ", by=coordinator)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    issuing.revoke(certificate, "Cấp nhầm người", by=coordinator)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.revoked_reason == "Cấp nhầm người"
    assert certificate.revoked_at is not None
    with pytest.raises(issuing.CertificateError):
        issuing.revoke(certificate, "again")


def test_a_failure_is_recorded_then_retried(
    learner, course, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(issuing, "render_pdf", broken)
    enrolment = Enrolment.objects.create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment)  # the learner's click never sees the error
    certificate = Certificate.objects.get()
    assert certificate.status == Certificate.Status.FAILED
    assert "disk full" in certificate.last_error
    assert certificate.attempts == 1
    assert certificate.serial == "" and not certificate.pdf
    assert not SerialCounter.objects.filter(last__gt=0).exists()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert issuing.retry(Certificate.objects.all()) == 1
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.attempts == 2 and certificate.last_error == ""
    assert certificate.serial.startswith("00001/")


def test_beat_task_requeues_only_certificates_stuck_in_pending(
    learner, course, django_capture_on_commit_callbacks
):
    enrolment = Enrolment.objects.create(
        user=learner, course=course, completed_at=timezone.now()
    )
    stuck = Certificate.objects.create(
        enrolment=enrolment,
        verification_code="A" * 13,
        queued_at=timezone.now() - timedelta(hours=1),
    )
    other = learner_in(
        enrolment.user.memberships.first().school_class, full_name="Lê Văn Tám"
    )
    fresh = Certificate.objects.create(
        enrolment=Enrolment.objects.create(
            user=other, course=course, completed_at=timezone.now()
        ),
        verification_code="B" * 13,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stuck_certificates.delay().get() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == Certificate.Status.ISSUED
    assert fresh.status == Certificate.Status.PENDING


def test_management_command_renders_pending_and_failed(learner, course):
    enrolment = Enrolment.objects.create(
        user=learner, course=course, completed_at=timezone.now()
    )
    Certificate.objects.create(
        enrolment=enrolment, verification_code="C" * 13, status="failed"
    )
    out = StringIO()
    call_command("issue_certificates", "--here", stdout=out)
    assert "issued: 1, failed: 0" in out.getvalue()
    assert Certificate.objects.get().status == "issued"


def test_serial_numbers_count_per_issuing_body_and_year(db):
    assert issuing._next_serial("Sở A", 2026, "GCN") == "00001/2026/GCN"
    assert issuing._next_serial("Sở A", 2026, "GCN") == "00002/2026/GCN"
    assert issuing._next_serial("Sở B", 2026, "GCN") == "00001/2026/GCN"
    assert issuing._next_serial("Sở A", 2027, "") == "00001/2027"


def test_course_template_overrides_the_default(completed, template, home_page):
    from tests.factories import CourseFactory

    other_course = CourseFactory(parent=home_page, slug="khoa-rieng")
    special = type(template).objects.create(
        name="Mẫu riêng", signer_name="Trần Văn Riêng", serial_suffix="GCN-R"
    )
    CertificateTemplateCourse.objects.create(template=special, course=other_course)
    assert issuing.template_for(other_course) == special
    assert issuing.template_for(completed.course) == template


def test_template_images_appear_in_the_certificate(
    template, learner, course, django_capture_on_commit_callbacks
):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment)
    certificate = Certificate.objects.get()
    assert certificate.template == template
    assert certificate.serial.endswith("/GCN-SGDĐT")
    template.refresh_from_db()
    assert template.prepared_background and template.prepared_logo
    import io

    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(read(certificate))).pages[0]
    assert len(page.images) == 3  # background, logo, signature
    assert len(read(certificate)) <= 60 * 1024


def test_codes_are_long_random_and_forgiving_when_typed(completed):
    code = Certificate.objects.get().verification_code
    assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
    assert not set("ILOU") & set(ALPHABET)
    assert len(ALPHABET) ** CODE_LENGTH >= 2**60
    typed = format_code(code).lower().replace("0", "o").replace("1", "l")
    assert normalise_code(typed) == code
    assert normalise_code("ABC") == ""


def test_incomplete_enrolment_gets_nothing(learner, course):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    assert issuing.request_certificate(enrolment) is None
    assert not Certificate.objects.exists()
