"""Forms of the department administrator's pages. Every choice is limited to the
administrator's subtree, so a forged id is a form error that says why."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .admin_scope import APPOINTABLE, LEARNER_UNITS, classes_of
from .models import AuditEntry, Membership, SchoolClass

OUTSIDE = _("This unit is not in the area you administer.")


def _unit_label(unit):
    return f"{unit.name} ({unit.code})"


class LongSelect(forms.Select):
    """A select rendered in Python: a province has hundreds of units, and Django's
    one-template-per-option rendering made the person page take 200 ms."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = "" if value is None else str(value)
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == chosen else "", label)  # noqa: S308
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class UnitChoiceField(forms.ModelChoiceField):
    widget = LongSelect

    def label_from_instance(self, obj):
        return _unit_label(obj)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, username or citizen ID"), max_length=100, required=False
    )


class AppointForm(forms.Form):
    organisation = UnitChoiceField(
        label=_("Unit"),
        queryset=None,
        error_messages={"invalid_choice": OUTSIDE},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r.value, r.label) for r in Membership.Role if r in APPOINTABLE],
        error_messages={"invalid_choice": _("This role cannot be given here.")},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = units.order_by("path")


class RemoveRoleForm(forms.Form):
    membership = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class MoveForm(forms.Form):
    """Step one chooses the destination unit (GET); step two the learner place,
    the class of that unit and confirms (POST)."""

    place = forms.ModelChoiceField(
        label=_("Current place"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "This learner place does not exist or is not in your area."
            )
        },
    )
    # Chosen in step one, carried here hidden; its errors are shown on the form.
    organisation = UnitChoiceField(
        label=_("Move to unit"),
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": OUTSIDE,
            "required": _("Choose the unit to move to."),
        },
    )
    school_class = forms.ModelChoiceField(
        label=_("Class"),
        queryset=None,
        required=False,
        empty_label=_("(no class)"),
        error_messages={
            "invalid_choice": _("This class does not belong to the chosen unit.")
        },
    )

    def __init__(self, *args, places, units, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["place"].label_from_instance = _place_label
        if places and len(places) == 1:
            self.fields["place"].initial = places[0].pk
        self.fields["organisation"].queryset = units.filter(
            kind__in=LEARNER_UNITS, succeeded_by__isnull=True
        ).order_by("name")
        self.fields["school_class"].queryset = (
            classes_of(unit) if unit is not None else SchoolClass.objects.none()
        )
        if unit is not None:
            self.fields["organisation"].initial = unit.pk

    def full_clean(self):
        super().full_clean()
        for error in self._errors.pop("organisation", []) if self._errors else []:
            self.add_error(None, error)

    def chosen_units(self):
        return self.fields["organisation"].queryset


def _place_label(membership):
    if membership.school_class_id:
        return f"{membership.organisation.name} — {membership.school_class}"
    return membership.organisation.name


class AuditFilterForm(forms.Form):
    hanh_dong = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("All actions")), *AuditEntry.Action.choices],
        required=False,
    )
    q = forms.CharField(label=_("Person"), max_length=100, required=False)
