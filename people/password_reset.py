"""Password reset that answers alike for every e-mail, sends from Celery, and is
rate limited (issue 14 finding 9).

The request only checks the form, counts the request (people/reset_limits.py) and
queues one task with the e-mail typed, known or not; the worker looks the accounts
up, makes the links and sends. So the answer takes the same time whether the
address belongs to someone (it took 37 ms against 5 ms) and never waits for SMTP.
Used by the site's form and by Wagtail's /admin/password_reset/.
"""

import math

from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from core.queueing import publish

from .reset_limits import seconds_until_allowed

# kind: (form class, subject template, body template)
KINDS = {
    "site": (
        "django.contrib.auth.forms.PasswordResetForm",
        "people/email/password_reset_subject.txt",
        "people/email/password_reset.txt",
    ),
    "admin": (
        "wagtail.admin.forms.auth.PasswordResetForm",
        "wagtailadmin/account/password_reset/email_subject.txt",
        "wagtailadmin/account/password_reset/email.txt",
    ),
}


def send_reset_mails(email, kind, domain, use_https, language):
    """Mail a reset link to every account that may reset with ``email`` (in the
    worker; Django's form finds them and sends)."""
    form_path, subject_template, body_template = KINDS[kind]
    form = import_string(form_path)(data={"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=subject_template,
            email_template_name=body_template,
        )


class QueuedResetFormMixin:
    """``save`` queues the work instead of doing it: same steps for any e-mail."""

    reset_kind = "site"

    def save(self, request=None, use_https=False, **kwargs):
        from .tasks import send_password_reset

        arguments = (
            self.cleaned_data["email"],
            self.reset_kind,
            request.get_host() if request else "localhost",
            use_https,
            translation.get_language(),
        )
        transaction.on_commit(lambda: publish(send_password_reset, *arguments))


class QueuedPasswordResetForm(QueuedResetFormMixin, PasswordResetForm):
    pass


def limit_message(seconds):
    return gettext(
        "Too many password reset requests. Please try again in %(minutes)d minutes."
    ) % {"minutes": max(1, math.ceil(seconds / 60))}


class RateLimitedResetMixin:
    """For a PasswordResetView: over the limit, the form again with the reason
    (status 429) and nothing queued."""

    def form_valid(self, form):
        wait = seconds_until_allowed(self.request, form.cleaned_data["email"])
        if wait is None:
            return super().form_valid(form)
        form.add_error(None, limit_message(wait))
        response = self.form_invalid(form)
        response.status_code = 429
        return response
