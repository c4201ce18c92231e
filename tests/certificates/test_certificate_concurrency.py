"""Racing completion events and workers on PostgreSQL: one certificate, one file."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from certificates import issuing
from certificates.models import Certificate, SerialCounter
from courses.models import Enrolment
from tests.certificates.conftest import add_learner
from tests.services import require_postgresql

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def together(count, work):
    """Run work(i) in `count` threads released at the same instant."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=10)
            results[index] = work(index)
        except Exception as exc:  # reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


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
        user = add_learner(school_class, f"Học Viên Số {n}")
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
