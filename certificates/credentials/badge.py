"""The Open Badges 3.0 credential of a certificate, secured as VC-JOSE.

The credential is a W3C Verifiable Credential (data model 2.0) of type
``OpenBadgeCredential``; its ``id`` is the certificate's verification URL, the one
printed under the QR code of the PDF. It is signed once, at issue, from the frozen
columns and the course as it was then (competence tags, hours), and stored as the
compact JWS: what was signed is never rebuilt from live data.
"""

import uuid

from django.db import transaction

from ..issuing import public_base_url, verify_url
from ..models import Certificate
from . import jws
from .issuer import MEDIA_TYPE, OB_CONTEXT, TYP, VC_CONTEXT, iso, issuer_did
from .status_list import status_entry

CRITERIA = "Hoàn thành mọi bài học và đạt mọi bài kiểm tra của khoá học."


def _hours(course):
    hours = round(course.duration_minutes / 60, 1) if course else 0
    return int(hours) if hours == int(hours) else hours


def tag_label(tag):
    return f"{tag.framework_short} {tag.code} {tag.name}"


def credential_of(certificate, course=None, tags=None):
    """The unsigned credential (a dict) of an issued certificate; ``course`` and
    ``tags`` default to its enrolment's course and that course's competence tags."""
    if course is None and certificate.enrolment is not None:
        course = certificate.enrolment.course
    if tags is None:
        tags = list(course.competences.all()) if course is not None else []
    hours = _hours(course)
    achievement_key = f"{public_base_url()}/course/{course.pk if course else 0}"
    achievement = {
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, achievement_key)}",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": certificate.course_title,
        "description": (course.summary if course else "") or certificate.course_title,
        "criteria": {"narrative": CRITERIA},
        "creditsAvailable": hours,
        "tag": [tag_label(tag) for tag in tags],
    }
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": certificate.holder_name,
            }
        ],
        "achievement": achievement,
        "creditsEarned": hours,
    }
    if certificate.completed_on:
        subject["activityEndDate"] = f"{certificate.completed_on:%Y-%m-%d}T00:00:00Z"
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": verify_url(certificate.verification_code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": {
            "id": issuer_did(),
            "type": ["Profile"],
            "name": certificate.issuing_body,
            "url": public_base_url() + "/",
        },
        "validFrom": iso(certificate.issued_at),
        "credentialSubject": subject,
        "credentialStatus": status_entry(certificate.pk),
    }


def sign(credential):
    return jws.sign(credential, TYP, did=credential["issuer"]["id"])


def ensure(certificate):
    """The certificate's signed credential, signed now if it was issued before
    credentials existed. Only an issued certificate gets one."""
    if certificate.credential or certificate.status != Certificate.Status.ISSUED:
        return certificate.credential
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related("enrolment__course")
            .get(pk=certificate.pk)
        )
        if not locked.credential:
            locked.credential = sign(credential_of(locked))
            locked.save(update_fields=["credential"])
    certificate.credential = locked.credential
    return certificate.credential


def sign_missing():
    """Sign the credentials of issued certificates that have none (issued before
    credentials existed). Returns how many were signed."""
    missing = Certificate.objects.issued().filter(credential="")
    return sum(1 for certificate in missing.iterator() if ensure(certificate))


def document(token):
    """The downloadable ``.json``: the VC-JOSE credential as a data: URL in a
    VCDM 2.0 EnvelopedVerifiableCredential (what verifiers check), plus the decoded
    credential to read (checked to be exactly what was signed)."""
    _header, payload = jws.unverified(token)
    return {
        "@context": VC_CONTEXT,
        "type": "EnvelopedVerifiableCredential",
        "id": f"data:{MEDIA_TYPE},{token}",
        "credential": payload,
    }
