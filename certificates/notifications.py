"""Telling a learner that their certificate is ready (when they have an e-mail)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.queueing import publish
from people.tasks import send_email

from .models import Certificate


def notify_holder(certificate_id):
    """Queue the "your certificate is ready" e-mail; returns True if queued."""
    certificate = (
        Certificate.objects.select_related("holder").filter(pk=certificate_id).first()
    )
    if certificate is None or certificate.status != Certificate.Status.ISSUED:
        return False
    holder = certificate.holder
    if holder is None or not holder.email:
        return False
    from .issuing import public_base_url, verify_url

    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "name": certificate.holder_name,
            "my_learning_url": public_base_url() + reverse("courses:my_learning"),
            "download_url": public_base_url()
            + reverse("certificates:download", args=[certificate.verification_code]),
            "verify_url": verify_url(certificate.verification_code),
        }
        subject = render_to_string(
            "certificates/email/ready_subject.txt", context
        ).strip()
        body = render_to_string("certificates/email/ready.txt", context)
    return publish(send_email, subject, body, [holder.email])
