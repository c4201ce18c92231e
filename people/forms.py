"""Forms for signing in and managing one's password."""

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
)
from django.db import transaction
from django.template import loader
from django.utils.translation import gettext_lazy as _

from config.queueing import publish

from .tasks import send_email


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or email"),
        max_length=254,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "username",
                "autocapitalize": "none",
            }
        ),
    )
    error_messages = {
        "invalid_login": _(
            "The username (or email) or password is incorrect. "
            "Passwords are case-sensitive."
        ),
        "inactive": _("This account has been locked."),
    }


class ForcedPasswordChangeForm(PasswordChangeForm):
    """Clears the "must change password" flag once a new password is saved."""

    def save(self, commit=True):
        self.user.must_change_password = False
        return super().save(commit=commit)


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset mail from a Celery worker, so a slow mail server never blocks."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: publish(send_email, subject, body, [to_email]))
