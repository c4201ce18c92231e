"""Forms for signing in and managing one's password."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from .password_reset import QueuedPasswordResetForm  # noqa: F401  (re-exported)


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
