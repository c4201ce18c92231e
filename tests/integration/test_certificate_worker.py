"""A real Celery worker renders the certificate a completed course asked for."""

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment
from tests.certificates.conftest import complete
from tests.certificates.pdf_tools import pdf_text
from tests.services import wait_for, wait_for_mail

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_worker_renders_and_mails_the_certificate(celery_worker, learner, course):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    complete(enrolment)  # commits: the signal queues the task on the broker

    def issued():
        return Certificate.objects.filter(status="issued").first()

    certificate = wait_for(issued, timeout=90)
    assert certificate, celery_worker.log()
    assert certificate.issued_at <= timezone.now()
    data = (celery_worker.private / certificate.pdf.name).read_bytes()
    text, _pages = pdf_text(data)
    assert "Nguyễn Thị Ánh Tuyết" in text
    assert certificate.serial in text
    mails = wait_for_mail(celery_worker.mail)
    assert mails, celery_worker.log()
    assert learner.email in mails[0].read_text()
