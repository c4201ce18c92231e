"""Forms of the exam-day screens: a window's schedule, extra time, the department's
schedule for a unit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import QuizPage

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=LOCAL_FORMAT, **kwargs)


def _when(label):
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )


class ScheduleForm(forms.Form):
    opens_at = _when(_("Opens at"))
    closes_at = _when(_("Closes at"))
    time_limit = forms.IntegerField(
        label=_("Time limit for this class (minutes)"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=_(
            "Empty: the course's time limit. Applies to attempts started later."
        ),
    )

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The end must be after the start."))
        return data


class ExtraTimeForm(forms.Form):
    learner = forms.TypedChoiceField(label=_("Student"), coerce=int)
    minutes = forms.IntegerField(
        label=_("Extra minutes"), min_value=1, max_value=120, initial=5
    )

    def __init__(self, *args, learners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].choices = [(u.pk, u.full_name) for u in learners]


class UnitScheduleForm(ScheduleForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    quiz = forms.ModelChoiceField(label=_("Exam"), queryset=None)

    field_order = ["unit", "quiz", "opens_at", "closes_at", "time_limit"]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["quiz"].queryset = (
            QuizPage.objects.live().filter(kind=QuizPage.Kind.EXAM).order_by("path")
        )

    def clean(self):
        data = super().clean()
        if not data.get("opens_at") and not data.get("closes_at"):
            raise forms.ValidationError(_("Give a start time, an end time or both."))
        return data
