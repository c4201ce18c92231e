"""Issuing certificates: request on completion, render once, correct, revoke.

Every step is safe to run twice. The request is backed by the one-live-certificate
constraint; issuing locks the certificate row and does nothing unless it is still
pending or failed, so a re-delivered task or a second worker finds the work done.
Rendering errors never escape: the certificate is marked failed with the error,
for an admin to see and retry.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from core.queueing import publish
from courses.models import QuizAttempt
from home.models import PortalSettings
from people.models import Membership
from people.text import clean_text

from . import unfetched
from .artwork import artwork_for
from .codes import format_code, format_serial, new_code
from .models import (
    Certificate,
    CertificateTemplate,
    CertificateTemplateAudience,
    CertificateTemplateCourse,
    SerialCounter,
)
from .pdf import CertificateContent, render_pdf

logger = logging.getLogger(__name__)
STUCK_AFTER = timedelta(minutes=10)
PROGRAMME_WORDING = "Đã hoàn thành chương trình"  # printed, like the PDF's own


class CertificateError(ValueError):
    """A correction that cannot be made (wrong state, missing reason)."""


# --------------------------------------------------------------------- helpers


def public_base_url():
    """Where the verification page lives for people outside: QR codes, e-mails."""
    base = getattr(settings, "CERTIFICATES_PUBLIC_URL", "") or (
        settings.WAGTAILADMIN_BASE_URL
    )
    return base.rstrip("/")


def verify_url(code):
    return public_base_url() + reverse("certificates:verify_code", args=[code])


def _send(certificate_id):
    """Hand the certificate to the broker. While the broker is down the request
    goes on: the certificate stays pending, dated so that the next sweep
    (``requeue_stuck``, every five minutes) sends it again."""
    from .tasks import issue_certificate

    if not publish(issue_certificate, certificate_id):
        logger.warning(
            "certificate %s not queued (broker unavailable); the sweep will retry",
            certificate_id,
        )
        Certificate.objects.filter(
            pk=certificate_id, status=Certificate.Status.PENDING
        ).update(queued_at=timezone.now() - STUCK_AFTER - timedelta(seconds=1))


def _queue(certificate_id):
    transaction.on_commit(lambda: _send(certificate_id))


def template_for(course):
    """The course's own template, else its audience's (the body that trains that
    audience issues the certificate), else the default one, else None (built-in
    look). A course for several audiences with different templates takes the
    first audience by name."""
    link = (
        CertificateTemplateCourse.objects.filter(course=course)
        .select_related("template")
        .first()
    )
    if link is not None:
        return link.template
    by_audience = (
        CertificateTemplateAudience.objects.filter(audience__courses=course)
        .select_related("template")
        .order_by("audience__name")
        .first()
    )
    if by_audience is not None:
        return by_audience.template
    return CertificateTemplate.objects.filter(is_default=True).first()


def _portal_settings():
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return PortalSettings.for_site(site) if site else PortalSettings()


def holder_unit(user):
    """ "Lớp 10A1, Trường THPT Bắc Kạn" or the unit's name, from the newest
    learner membership (one with a class first)."""
    membership = (
        Membership.objects.placement(user.pk)
        .select_related("organisation", "school_class")
        .first()
    )
    if membership is None:
        return ""
    if membership.school_class is not None:
        return f"Lớp {membership.school_class.name}, {membership.organisation.name}"
    return membership.organisation.name


def best_score(enrolment):
    return (
        QuizAttempt.objects.submitted()
        .filter(enrolment=enrolment)
        .aggregate(best=Max("score"))["best"]
    )


# --------------------------------------------------------------------- request


def request_certificate(enrolment):
    """A pending certificate for a completed enrolment, queued after commit.

    Returns the enrolment's certificate (new or existing). An enrolment that
    already had one, even revoked or replaced, gets no second one from here.
    """
    if enrolment.completed_at is None:
        return None
    return _request({"enrolment": enrolment}, enrolment.user_id)


def request_programme_certificate(completion):
    """Likewise for a programme completion: one certificate, the programme's."""
    return _request({"programme_completion": completion}, completion.user_id)


def _request(owner, holder_id):
    existing = Certificate.objects.filter(**owner).first()
    if existing is not None:
        return existing
    for _attempt in range(3):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    **owner, holder_id=holder_id, verification_code=new_code()
                )
        except IntegrityError:
            live = Certificate.objects.live().filter(**owner).first()
            if live is not None:  # a concurrent request won the race
                return live
            continue  # the astronomically rare clash of two random codes
        _queue(certificate.pk)
        return certificate
    raise RuntimeError("could not create a certificate record")


# --------------------------------------------------------------------- issue


def _next_serial(issuing_body, year, suffix):
    """The body's next number this year; the UPDATE holds the row until commit."""
    SerialCounter.objects.get_or_create(issuing_body=issuing_body, year=year)
    SerialCounter.objects.filter(issuing_body=issuing_body, year=year).update(
        last=F("last") + 1
    )
    number = SerialCounter.objects.get(issuing_body=issuing_body, year=year).last
    return format_serial(number, year, suffix)


def programme_template(programme):
    """The template of the programme's audience, else the default one."""
    link = (
        CertificateTemplateAudience.objects.filter(audience_id=programme.audience_id)
        .select_related("template")
        .first()
    )
    if link is not None:
        return link.template
    return CertificateTemplate.objects.filter(is_default=True).first()


def _subject(certificate):
    """(holder, title, completed at, score, template) of what is certified: a
    course's enrolment, or a programme's completion (its title as the course's)."""
    enrolment = certificate.enrolment
    if enrolment is not None:
        course = enrolment.course
        return (
            enrolment.user,
            course.title,
            enrolment.completed_at,
            best_score(enrolment),
            template_for(course),
        )
    completion = certificate.programme_completion
    programme = completion.programme
    return (
        completion.user,
        programme.title,
        completion.completed_at,
        None,
        programme_template(programme),
    )


def _freeze(certificate, now):
    """Copy today's data onto the certificate: from here on it never changes."""
    user, title, completed_at, score, template = _subject(certificate)
    portal = _portal_settings()
    certificate.template = template
    certificate.holder_name = clean_text(user.get_full_name())
    certificate.holder_birth_date = user.date_of_birth
    certificate.holder_unit = clean_text(holder_unit(user))
    certificate.course_title = clean_text(title)
    certificate.completed_on = timezone.localdate(completed_at)
    certificate.score = score
    certificate.issuing_body = clean_text(
        (template and template.issuing_body)
        or portal.issuing_body
        or portal.portal_name
    )
    certificate.superior_body = template.superior_body if template else ""
    certificate.place_name = clean_text(
        (template and template.place_name) or portal.issuing_place
    )
    certificate.signer_title = template.signer_title if template else "Giám đốc"
    certificate.signer_name = template.signer_name if template else ""
    year = timezone.localdate(now).year
    suffix = template.serial_suffix if template else "GCN"
    certificate.serial = _next_serial(certificate.issuing_body, year, suffix)
    certificate.issued_at = now
    return template


def content_of(certificate):
    """What to print, from the frozen columns only."""
    template = certificate.template
    wording = {}
    if template is not None:
        wording = {
            "title": template.title,
            "subtitle": template.subtitle,
            "completion_wording": template.completion_wording,
        }
    if certificate.programme_completion_id is not None:
        wording["completion_wording"] = PROGRAMME_WORDING
    return CertificateContent(
        holder_name=certificate.holder_name,
        date_of_birth=certificate.holder_birth_date,
        unit=certificate.holder_unit,
        course_title=certificate.course_title,
        completed_on=certificate.completed_on,
        score=certificate.score,
        issuing_body=certificate.issuing_body,
        superior_body=certificate.superior_body,
        place_name=certificate.place_name,
        issued_on=timezone.localdate(certificate.issued_at),
        signer_title=certificate.signer_title,
        signer_name=certificate.signer_name,
        serial=certificate.serial,
        verification_code=format_code(certificate.verification_code),
        verify_url=verify_url(certificate.verification_code),
        **wording,
    )


def issue(certificate_id):
    """Render and issue a pending or failed certificate; anything else is left alone.

    Returns the certificate, or None if it does not exist.
    """
    with transaction.atomic():
        certificate = (
            Certificate.objects.select_for_update(of=("self",))
            .select_related(
                "enrolment__user",
                "enrolment__course",
                "programme_completion__user",
                "programme_completion__programme",
            )
            .filter(pk=certificate_id)
            .first()
        )
        if certificate is None or certificate.status not in (
            Certificate.Status.PENDING,
            Certificate.Status.FAILED,
        ):
            return certificate
        certificate.attempts += 1
        try:
            with transaction.atomic():
                if (
                    certificate.enrolment is None
                    and certificate.programme_completion is None
                ):
                    raise CertificateError("the enrolment no longer exists")
                template = _freeze(certificate, timezone.now())
                data = render_pdf(content_of(certificate), artwork_for(template))
                certificate.sha256 = hashlib.sha256(data).hexdigest()
                _save_file(certificate, data)
                certificate.status = Certificate.Status.ISSUED
                certificate.credential = _signed_credential(certificate)
                certificate.last_error = ""
                certificate.save()
                unfetched.refresh([certificate.enrolment_id])
        except Exception as exc:  # any failure is recorded for an admin to retry
            logger.exception("certificate %s could not be issued", certificate_id)
            Certificate.objects.filter(pk=certificate_id).update(
                status=Certificate.Status.FAILED,
                attempts=certificate.attempts,
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
            )
            certificate.refresh_from_db()
            return certificate
        from .notifications import notify_holder

        transaction.on_commit(lambda: notify_holder(certificate_id))
    return certificate


def _signed_credential(certificate):
    from .credentials import badge

    return badge.sign(badge.credential_of(certificate))


def _save_file(certificate, data):
    name = (
        f"certificates/pdf/{certificate.issued_at:%Y}/"
        f"{certificate.verification_code}.pdf"
    )
    storage = certificate.pdf.storage
    if storage.exists(name):  # left by a try whose transaction rolled back
        storage.delete(name)
    certificate.pdf.name = storage.save(name, ContentFile(data))


# --------------------------------------------------------------------- corrections


def reissue(certificate, by=None):
    """A new certificate with a new number from today's data; the old one is
    marked replaced and points to it. Only an issued certificate is reissued."""
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status != Certificate.Status.ISSUED:
            raise CertificateError("only an issued certificate can be reissued")
        old.status = Certificate.Status.REPLACED
        old.changed_by = by
        old.save(update_fields=["status", "changed_by"])
        new = Certificate.objects.create(
            enrolment=old.enrolment,
            programme_completion=old.programme_completion,
            holder_id=old.holder_id,
            verification_code=new_code(),
        )
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        unfetched.refresh([old.enrolment_id])
        _queue(new.pk)
    return new


def revoke(certificate, reason, by=None):
    reason = clean_text(reason)
    if not reason:
        raise CertificateError("a reason is required")
    with transaction.atomic():
        current = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not current.is_live:
            raise CertificateError("this certificate is no longer valid")
        current.status = Certificate.Status.REVOKED
        current.revoked_at = timezone.now()
        current.revoked_reason = reason
        current.changed_by = by
        current.save(
            update_fields=["status", "revoked_at", "revoked_reason", "changed_by"]
        )
        unfetched.refresh([current.enrolment_id])
    return current


# --------------------------------------------------------------------- re-runs


def retry(certificates):
    """Queue failed or pending certificates again; returns how many."""
    ids = list(
        certificates.filter(
            status__in=[Certificate.Status.PENDING, Certificate.Status.FAILED]
        ).values_list("pk", flat=True)
    )
    Certificate.objects.filter(pk__in=ids).update(queued_at=timezone.now())
    for pk in ids:
        _queue(pk)
    return len(ids)


def requeue_stuck(now=None):
    """Pending certificates queued long ago and never issued (a lost message, a
    worker killed mid-task) are queued again."""
    now = now or timezone.now()
    stuck = Certificate.objects.filter(
        status=Certificate.Status.PENDING, queued_at__lt=now - STUCK_AFTER
    )
    with transaction.atomic():
        return retry(stuck)
