"""A unit's populations for one school year, typed in on the site's page.

The form has one number per audience and, for a school, a "counted from the
rosters" box per audience; an empty number (and no box) means "not declared", and
saving removes that row. Rows are written by ``importing.save_populations`` (the
CSV's way) and checked by ``Population.full_clean`` (the model's rule), so typed
and imported figures obey the same rules. Every change is written to the people
pages' audit log, in the change's own transaction.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people import audit
from people.models import Organisation

from ..access import population_units
from ..models import Population
from .importing import (
    MAX_POPULATION,
    PopulationFileError,
    read_populations,
    save_populations,
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns unit_code, audience, school_year, population (a number, or "
            "“rosters” where the school's class lists are complete)."
        ),
    )


NUMBER_ERRORS = {
    "invalid": gettext_lazy("Enter a whole number (digits only), or leave it empty."),
    "min_value": gettext_lazy("The population cannot be below 0."),
    "max_value": gettext_lazy("The population cannot be above %(limit_value)s."),
}


def figure_text(population):
    """What the audit log says of one row: "1654" or "rosters"."""
    if population.counted_from_rosters:
        return _("counted from rosters")
    return str(population.headcount)


def snapshot(unit_ids, years):
    """{(unit id, year): {audience name: figure text}} (one query)."""
    found = {}
    rows = Population.objects.filter(
        organisation_id__in=list(unit_ids), school_year__in=list(years)
    ).select_related("audience")
    for row in rows:
        key = (row.organisation_id, row.school_year)
        found.setdefault(key, {})[row.audience.name] = figure_text(row)
    return found


def _record_changes(user, before, after, units):
    """One audit entry per unit and year whose figures changed."""
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key, {}), after.get(key, {})
        if old == new:
            continue
        unit, year = units[key[0]], key[1]
        audit.record(
            user,
            audit.Action.POPULATION,
            organisation=unit,
            before={"organisation": unit.name, "school_year": year, "figures": old},
            after={"organisation": unit.name, "school_year": year, "figures": new},
        )


class UnitPopulationForm(forms.Form):
    """One unit, one school year: a number per audience (and the rosters box at a
    school). ``rows()`` and ``blank_audiences()`` are what saving needs."""

    def __init__(self, *args, unit, year, audiences, declared, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit, self.year, self.audiences = unit, year, list(audiences)
        self.rosters_apply = unit.kind == Organisation.Kind.SCHOOL
        for audience in self.audiences:
            current = declared.get(audience.pk)
            self.fields[f"a{audience.pk}"] = forms.IntegerField(
                label=audience.name,
                required=False,
                min_value=0,
                max_value=MAX_POPULATION,
                error_messages=NUMBER_ERRORS,
                initial=current.headcount if current else None,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
            )
            if self.rosters_apply:
                self.fields[f"r{audience.pk}"] = forms.BooleanField(
                    label=_("%(audience)s: counted from the school's class lists")
                    % {"audience": audience.name},
                    required=False,
                    initial=bool(current and current.counted_from_rosters),
                )

    def clean(self):
        cleaned = super().clean()
        for audience in self.audiences:
            number = cleaned.get(f"a{audience.pk}")
            rosters = cleaned.get(f"r{audience.pk}", False)
            if number is not None and rosters:
                self.add_error(
                    f"a{audience.pk}",
                    _(
                        "Leave the number empty when the population is counted "
                        "from the class lists."
                    ),
                )
                continue
            if number is None and not rosters:
                continue
            row = Population(
                organisation=self.unit,
                audience=audience,
                school_year=self.year,
                headcount=number,
                counted_from_rosters=rosters,
            )
            try:
                row.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                for messages in error.message_dict.values():
                    for message in messages:
                        self.add_error(f"a{audience.pk}", message)
        return cleaned

    def rows(self):
        """The declared rows, shaped like ``importing.read_populations``'s."""
        found = []
        for audience in self.audiences:
            number = self.cleaned_data.get(f"a{audience.pk}")
            rosters = self.cleaned_data.get(f"r{audience.pk}", False)
            if number is not None or rosters:
                found.append(
                    {
                        "organisation": self.unit,
                        "audience": audience,
                        "school_year": self.year,
                        "headcount": None if rosters else number,
                        "counted_from_rosters": rosters,
                    }
                )
        return found

    def blank_audiences(self):
        declared = {row["audience"].pk for row in self.rows()}
        return [a.pk for a in self.audiences if a.pk not in declared]

    def save(self, user):
        """Write, remove and log, all or nothing."""
        key = (self.unit.pk, self.year)
        with transaction.atomic():
            before = snapshot([self.unit.pk], [self.year])
            save_populations(self.rows(), user)
            Population.objects.filter(
                organisation=self.unit,
                school_year=self.year,
                audience_id__in=self.blank_audiences(),
            ).delete()
            after = snapshot([self.unit.pk], [self.year])
            _record_changes(user, before, after, {key[0]: self.unit})


def import_and_record(source, user, units):
    """``importing.import_populations`` plus one audit entry per changed unit and
    year, in one transaction (a broken file raises and changes nothing)."""
    rows = read_populations(source, units)
    unit_map = {row["organisation"].pk: row["organisation"] for row in rows}
    years = {row["school_year"] for row in rows}
    with transaction.atomic():
        before = snapshot(unit_map, years)
        counts = save_populations(rows, user)
        _record_changes(user, before, snapshot(unit_map, years), unit_map)
    return counts


def apply_upload(request, form):
    """The upload form's file, imported and recorded in the user's units: None
    once saved (a message says how many), else the problems (a list)."""
    if not form.is_valid():
        return []
    try:
        counts = import_and_record(
            form.cleaned_data["file"], request.user, population_units(request.user)
        )
    except PopulationFileError as error:
        return error.problems
    messages.success(
        request, _("%(created)s populations added, %(updated)s changed.") % counts
    )
    return None
