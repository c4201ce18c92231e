"""The form of a completion target, limited to the units the user may name."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Audience, CoursePage

from ..access import may_target_province, target_units
from ..models import Target


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["measure", "course", "audience", "organisation", "rate"]
        labels = {"organisation": gettext_lazy("unit")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["course"].empty_label = _("All courses")
        self.fields["audience"].queryset = Audience.objects.all()
        self.fields["audience"].empty_label = _("All audiences")
        self.fields["organisation"].queryset = target_units(user).order_by("path")
        self.fields["organisation"].empty_label = _("Whole province")
        # Older links and scripts post no measure: they meant the completion rate.
        self.fields["measure"].required = False

    def clean_measure(self):
        return self.cleaned_data.get("measure") or Target.Measure.COMPLETION

    def clean(self):
        data = super().clean()
        if not data.get("organisation") and not may_target_province(self.user):
            self.add_error("organisation", _("Choose a unit in your area."))
        same = Target.objects.filter(
            measure=data.get("measure"),
            course=data.get("course"),
            audience=data.get("audience"),
            organisation=data.get("organisation"),
        ).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(
                _("This course, audience and unit already have a target.")
                if data.get("measure") != Target.Measure.COVERAGE
                else _("This course, audience and unit already have a coverage target.")
            )
        return data
