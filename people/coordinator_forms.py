"""Forms of the coordinator pages: roster upload and adding one student."""

from datetime import date

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Organisation, ProcessingBasis, User
from .names import clean_name
from .rosters.limits import MAX_UPLOAD_BYTES
from .text import clean_text


def current_school_year(today=None):
    """Vietnamese school years start in September: 2026-2027 from 1/9/2026."""
    today = today or date.today()
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{start + 1}"


class RosterUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("School or office"), queryset=Organisation.objects.none()
    )
    school_year = forms.RegexField(
        label=_("School year"),
        regex=r"^\d{4}-\d{4}$",
        error_messages={"invalid": _("The school year looks like 2026-2027.")},
    )
    default_class_name = forms.CharField(
        label=_("Class (if the file has no “Lớp” column)"),
        max_length=50,
        required=False,
    )
    file = forms.FileField(
        label=_("Class list (.xlsx or .csv)"),
        help_text=_(
            "Up to 5 MB and 3,000 students. Title rows above the header are fine."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["school_year"].initial = current_school_year()
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean_school_year(self):
        value = self.cleaned_data["school_year"]
        start, end = (int(part) for part in value.split("-"))
        if end != start + 1:
            raise forms.ValidationError(_("The school year looks like 2026-2027."))
        return value

    def clean_default_class_name(self):
        return clean_text(self.cleaned_data["default_class_name"]).upper()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split the list by class.")
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class AddStudentForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "date_of_birth", "gender", "student_code", "citizen_id"]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True

    def clean_full_name(self):
        # The model field's validator (people/names.py) has refused what the slip
        # cannot print; store the name as the rule reads it.
        return clean_name(self.cleaned_data["full_name"])

    def clean_student_code(self):
        code = clean_text(self.cleaned_data["student_code"])
        if code and User.objects.filter(student_code=code).exists():
            raise forms.ValidationError(_("A student with this code already exists."))
        return code

    def clean_citizen_id(self):
        value = clean_text(self.cleaned_data["citizen_id"])
        if User.objects.with_citizen_id(value).exists():
            raise forms.ValidationError(
                _("A student with this personal ID already exists.")
            )
        return value


class RosterBasisForm(forms.Form):
    """The confirm step of a roster import: on what legal basis the unit holds its
    learners' data (people/consent.py records it with the accounts)."""

    kind = forms.ChoiceField(
        label=_("Legal basis for processing the learners' data"),
        choices=ProcessingBasis.Kind.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Document or consent form"),
        max_length=500,
        help_text=_(
            "For example: Plan No. 12/KH-THPT of the school, or the consent form "
            "signed by the parents."
        ),
    )
    basis_date = forms.DateField(
        label=_("Date of the document"),
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "The written consent of a parent or guardian of every learner under "
            "%(age)s (or whose date of birth is missing) is kept by the unit."
        ),
        required=False,
    )

    def __init__(self, *args, possible_minors=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.possible_minors = possible_minors
        label = self.fields["guardian_consent"].label
        self.fields["guardian_consent"].label = label % {
            "age": settings.GUARDIAN_CONSENT_AGE
        }

    def clean_text(self):
        return clean_text(self.cleaned_data["text"])

    def clean_basis_date(self):
        value = self.cleaned_data["basis_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        consent_basis = data.get("kind") == ProcessingBasis.Kind.CONSENT
        if consent_basis and self.possible_minors and not data.get("guardian_consent"):
            self.add_error(
                "guardian_consent",
                _(
                    "The list has %(n)s learners who are under %(age)s or have no "
                    "date of birth: consent for them must come from a parent or "
                    "guardian. Collect it first, or choose another legal basis."
                )
                % {"n": self.possible_minors, "age": settings.GUARDIAN_CONSENT_AGE},
            )
        return data
