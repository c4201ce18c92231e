"""Forms of the personal data pages: a learner's contact details and requests,
a guardian's request brought to the school, and the handling of a request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DataRequest, User
from .rosters.fields import Invalid, parse_phone
from .text import clean_text

MAX_DETAILS = 2000


class ContactForm(forms.ModelForm):
    """What a learner corrects alone: how to reach them. Asks for the password, so
    a shared computer left signed in cannot redirect the password reset e-mail."""

    password = forms.CharField(
        label=_("Your current password"), widget=forms.PasswordInput, strip=False
    )

    class Meta:
        model = User
        fields = ["email", "phone"]

    def clean_phone(self):
        try:
            return parse_phone(self.cleaned_data.get("phone") or "")
        except Invalid as invalid:
            raise forms.ValidationError(str(invalid.message)) from None

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.instance.check_password(password):
            raise forms.ValidationError(_("The password is not right."))
        return password


class LearnerRequestForm(forms.Form):
    """An adult's request: correct what the school keeps, or erase the account."""

    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=[
            (DataRequest.Kind.CORRECTION, _("Correct my name, date of birth or ID")),
            (DataRequest.Kind.ERASURE, _("Erase my account and personal data")),
        ],
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details"),
        help_text=_("For a correction: what is wrong and what is right."),
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revoke_certificates = forms.BooleanField(
        label=_("Also revoke my certificates (they will no longer verify)"),
        required=False,
    )

    def clean_details(self):
        return clean_text(self.cleaned_data["details"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == DataRequest.Kind.CORRECTION and not data.get("details"):
            self.add_error("details", _("Say what should be corrected."))
        return data


class GuardianRequestForm(LearnerRequestForm):
    """A minor's request, brought to the school in writing by their guardian."""

    kind = forms.ChoiceField(
        label=_("Request"), choices=DataRequest.Kind, widget=forms.RadioSelect
    )
    guardian_name = forms.CharField(
        label=_("Guardian who wrote the request"), max_length=150
    )
    revoke_certificates = forms.BooleanField(
        label=_("The guardian also asks to revoke the certificates"), required=False
    )
    field_order = ["kind", "guardian_name", "details", "revoke_certificates"]

    def clean_guardian_name(self):
        name = clean_text(self.cleaned_data["guardian_name"])
        if not name:
            raise forms.ValidationError(_("Write the guardian's name."))
        return name


class HandleForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (DataRequest.Status.DONE, DataRequest.Status.DONE.label),
            (DataRequest.Status.REFUSED, DataRequest.Status.REFUSED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, data_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_request = data_request
        if data_request.kind == DataRequest.Kind.ERASURE:
            self.fields["confirm"] = forms.BooleanField(
                label=_(
                    "I understand that erasure cannot be undone: the account is "
                    "anonymised now."
                ),
                required=False,
            )

    def clean_note(self):
        return clean_text(self.cleaned_data["note"])

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == DataRequest.Status.REFUSED and not data.get("note"):
            self.add_error("note", _("Give the reason for refusing."))
        erasing = self.data_request.kind == DataRequest.Kind.ERASURE
        if erasing and status == DataRequest.Status.DONE and not data.get("confirm"):
            self.add_error("confirm", _("Confirm the erasure."))
        return data
