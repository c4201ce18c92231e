"""Certificates issued but never fetched by their holder, marked on the enrolment.

``Enrolment.certificate_ready_at`` is the issue time of the enrolment's issued
certificate whose holder has not downloaded it yet, else NULL. The straggler list
"certificate not downloaded" (reports/stragglers/rules.py) reads that one indexed
column instead of joining every certificate of a province (449 ms on 450,000).

Every change of a certificate's status or download calls ``refresh`` inside its own
transaction (certificates/issuing.py, certificates/views.py).
"""

from django.db.models import Exists, OuterRef, Q, Subquery

from courses.models import Enrolment

from .models import Certificate


def _waiting_since():
    return Subquery(
        Certificate.objects.filter(
            enrolment=OuterRef("pk"),
            status=Certificate.Status.ISSUED,
            downloaded_at__isnull=True,
        )
        .order_by("issued_at")
        .values("issued_at")[:1]
    )


def refresh(enrolment_ids):
    """Recompute the mark of these enrolments: one UPDATE."""
    ids = [pk for pk in enrolment_ids if pk is not None]
    return Enrolment.objects.filter(pk__in=ids).update(
        certificate_ready_at=_waiting_since()
    )


def refresh_all():
    """Every enrolment with a certificate or a mark (data loads, repairs)."""
    has_one = Certificate.objects.filter(enrolment=OuterRef("pk"))
    return Enrolment.objects.filter(
        Q(Exists(has_one)) | Q(certificate_ready_at__isnull=False)
    ).update(certificate_ready_at=_waiting_since())
