from django import forms
from django.utils.translation import gettext_lazy as _

from people.text import clean_text

from .codes import normalise_code


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code printed under the QR code, e.g. 7KQ4-M2XD-9PTRA."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self):
        code = normalise_code(clean_text(self.cleaned_data["code"]))
        if not code:
            raise forms.ValidationError(
                _("A code has 13 letters and digits, e.g. 7KQ4-M2XD-9PTRA.")
            )
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_reason(self):
        reason = clean_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError(_("Say why the certificate is revoked."))
        return reason


class ArchiveForm(forms.Form):
    course = forms.TypedChoiceField(
        label=_("Course"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [
            ("", _("All courses")),
            *((course.pk, course.title) for course in courses),
        ]


class CredentialForm(forms.Form):
    """A credential pasted as text or uploaded as a file (the ``.json``)."""

    text = forms.CharField(
        label=_("Paste the credential"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_("The contents of the .json file downloaded with the certificate."),
    )
    file = forms.FileField(label=_("or choose the .json file"), required=False)

    def __init__(self, *args, max_bytes, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text") or ""
        too_big = _("This file is too large to be a credential.")
        if upload is not None:
            if upload.size > self.max_bytes:
                raise forms.ValidationError(too_big)
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    _("This file is not a credential (not JSON text).")
                ) from None
        if not text.strip():
            raise forms.ValidationError(
                _("Paste the credential or choose its .json file.")
            )
        if len(text.encode()) > self.max_bytes:
            raise forms.ValidationError(too_big)
        data["credential"] = text
        return data
