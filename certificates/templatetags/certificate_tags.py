"""Certificates on the learner's pages, without the courses room importing us.

``{% attach_certificates enrolments %}`` gives each enrolment a ``certificate``
attribute (its live or latest one, or None) in one query, for "My learning";
``{% certificate_for enrolment as certificate %}`` does the same for one enrolment.
"""

from django import template

from ..models import Certificate

register = template.Library()


def _by_enrolment(enrolment_ids):
    found = {}
    for certificate in Certificate.objects.filter(
        enrolment_id__in=enrolment_ids
    ).order_by("created_at"):
        # The newest wins: a reissued certificate comes after the one it replaced.
        found[certificate.enrolment_id] = certificate
    return found


@register.simple_tag
def attach_certificates(enrolments):
    enrolments = [e for e in enrolments or () if getattr(e, "pk", None)]
    found = _by_enrolment([e.pk for e in enrolments]) if enrolments else {}
    for enrolment in enrolments:
        enrolment.certificate = found.get(enrolment.pk)
    return ""


@register.simple_tag
def certificate_for(enrolment):
    if enrolment is None or not getattr(enrolment, "completed_at", None):
        return None
    return _by_enrolment([enrolment.pk]).get(enrolment.pk)
