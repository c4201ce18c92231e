"""Racing completion events and workers on PostgreSQL: one certificate, one file."""

import pytest
from django.utils import timezone

from certificates import issuing
from certificates.models import Certificate, SerialCounter
from courses.models import Enrolment
from tests.factories import learner_in
from tests.services import require_postgresql
from tests.threads import together

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enrolment(learner, course):
    require_postgresql()
    return Enrolment.objects.create(
        user=learner, course=course, completed_at=timezone.now(), status="completed"
    )


def pdf_files(settings):
    from pathlib import Path

    return sorted(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"))


def test_simultaneous_completion_events_issue_one_certificate(enrolment, settings):
    before = pdf_files(settings)
    results = together(8, lambda _i: issuing.request_certificate(enrolment).pk)
    assert len(set(results)) == 1
    certificate = Certificate.objects.get()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.serial.startswith("00001/")
    assert SerialCounter.objects.get().last == 1
    assert len(pdf_files(settings)) == len(before) + 1


def test_a_task_delivered_to_several_workers_renders_once(enrolment, settings):
    certificate = Certificate.objects.create(
        enrolment=enrolment, holder=enrolment.user, verification_code="R" * 13
    )
    together(6, lambda _i: issuing.issue(certificate.pk).status)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.attempts == 1
    assert SerialCounter.objects.get().last == 1
    assert [p.name for p in pdf_files(settings)].count("R" * 13 + ".pdf") == 1


def test_numbers_stay_unique_when_many_are_issued_at_once(
    school_class, course, settings
):
    require_postgresql()
    certificates = []
    for n in range(8):
        user = learner_in(school_class, full_name=f"Học Viên Số {n}")
        enrolment = Enrolment.objects.create(
            user=user, course=course, completed_at=timezone.now()
        )
        certificates.append(
            Certificate.objects.create(
                enrolment=enrolment, holder=user, verification_code=f"{n}" * 13
            )
        )
    together(8, lambda i: issuing.issue(certificates[i].pk).status)
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    year = timezone.localdate().year
    assert serials == [f"{n:05d}/{year}/GCN" for n in range(1, 9)]
