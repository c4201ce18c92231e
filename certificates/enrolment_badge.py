"""The certificate's status under a completed course, on the course page and on My
learning: registered in courses' enrolment badges (courses/enrolment_badges.py) by
``CertificatesConfig.ready()``, so the courses room never names our templates."""

from courses.enrolment_badges import EnrolmentBadge

from .models import Certificate


def _latest(field, ids):
    """Each owner's live or latest certificate, in one query."""
    found = {}
    for certificate in Certificate.objects.filter(**{f"{field}__in": ids}).order_by(
        "created_at"
    ):
        # The newest wins: a reissued certificate comes after the one it replaced.
        found[getattr(certificate, field)] = certificate
    return found


def latest_by_enrolment(enrolment_ids):
    return _latest("enrolment_id", enrolment_ids)


def latest_by_programme_completion(completion_ids):
    return _latest("programme_completion_id", completion_ids)


CERTIFICATE_STATUS = EnrolmentBadge(
    key="certificate",
    template_name="certificates/includes/certificate_status.html",
    context_name="certificate",
    load=latest_by_enrolment,
    order=10,
)

PROGRAMME_CERTIFICATE_STATUS = EnrolmentBadge(
    key="programme_certificate",
    template_name="certificates/includes/certificate_status.html",
    context_name="certificate",
    load=latest_by_programme_completion,
    order=10,
    kind="programme",
)
