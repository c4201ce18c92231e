"""The certificate's status under a completed course, on the course page and on My
learning: registered in courses' enrolment badges (courses/enrolment_badges.py) by
``CertificatesConfig.ready()``, so the courses room never names our templates."""

from courses.enrolment_badges import EnrolmentBadge

from .models import Certificate


def latest_by_enrolment(enrolment_ids):
    """Each enrolment's live or latest certificate, in one query."""
    found = {}
    for certificate in Certificate.objects.filter(
        enrolment_id__in=enrolment_ids
    ).order_by("created_at"):
        # The newest wins: a reissued certificate comes after the one it replaced.
        found[certificate.enrolment_id] = certificate
    return found


CERTIFICATE_STATUS = EnrolmentBadge(
    key="certificate",
    template_name="certificates/includes/certificate_status.html",
    context_name="certificate",
    load=latest_by_enrolment,
    order=10,
)
