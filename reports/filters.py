"""The filters of a statistics view, checked against what the user may see.

``ReportFilters`` is built from GET parameters (Vietnamese slugs, like the rest of the
site). Values that do not parse, or ids the user may not see, are dropped with a clear
message and the view falls back to the user's own area: nothing outside the user's
scope ever reaches a query. Unit and class ids that come in the URL path (drill-down)
are stricter: outside the scope they are a 404, which does not confirm they exist.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from courses.models import Audience, CoursePage
from people.models import Organisation, SchoolClass

from .access import by_id, class_in_scope, scope_roots, unit_in_scope

PARAMS = {
    "course": "khoa-hoc",
    "audience": "doi-tuong",
    "unit": "don-vi",
    "school_class": "lop",
    "school_year": "nam-hoc",
    "date_from": "tu-ngay",
    "date_to": "den-ngay",
}
# Dates a period may use: wide enough for any real report, far enough from
# date.min/date.max that "the day after" and month arithmetic never overflow.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


class _Value(forms.Field):
    """One GET value as typed, stripped ("" when absent); the form's clean_ methods
    read it, so a bad value is an error of its own field alone."""

    def to_python(self, value):
        if value is None:
            return ""
        return value.strip() if isinstance(value, str) else str(value)


class StatisticsFilterForm(forms.Form):
    """The GET filters of a statistics view, keyed by their Vietnamese slugs.

    Field order is the order of the messages. A unit or class that comes in the
    URL path is not read from the query string (the view checked it already).
    """

    school_class = _Value(required=False)
    unit = _Value(required=False)
    course = _Value(required=False)
    audience = _Value(required=False)
    school_year = _Value(required=False)
    date_from = _Value(required=False)
    date_to = _Value(required=False)

    def __init__(self, data, *, roots, unit_id=None, class_id=None):
        super().__init__(data)
        self.roots = roots
        if class_id is not None:
            del self.fields["school_class"]
        if unit_id is not None:
            del self.fields["unit"]

    def add_prefix(self, field_name):
        """Each field reads its slug (``khoa-hoc``…) from the query string."""
        return PARAMS.get(field_name, field_name)

    def messages(self):
        """The errors as plain messages, field by field, then the whole period's."""
        errors = [str(e) for name in self.fields for e in self.errors.get(name, [])]
        return errors + [str(e) for e in self.non_field_errors()]

    def _row(self, name, find, message):
        """The row ``find`` returns for the field's id; none chosen: None."""
        raw = self.cleaned_data[name]
        if not raw:
            return None
        row = find(raw)
        if row is None:
            raise ValidationError(message)
        return row

    def clean_school_class(self):
        return self._row(
            "school_class",
            lambda raw: class_in_scope(raw, self.roots),
            _("The class you chose does not exist or is outside your area."),
        )

    def clean_unit(self):
        return self._row(
            "unit",
            lambda raw: unit_in_scope(raw, self.roots),
            _("The unit you chose does not exist or is outside your area."),
        )

    def clean_course(self):
        return self._row(
            "course",
            lambda raw: by_id(CoursePage.objects.live(), raw),
            _("The course you chose does not exist."),
        )

    def clean_audience(self):
        return self._row(
            "audience",
            lambda raw: by_id(Audience.objects.all(), raw),
            _("The audience you chose does not exist."),
        )

    def clean_school_year(self):
        year = self.cleaned_data["school_year"]
        if year and not is_school_year(year):
            raise ValidationError(_("The school year looks like 2026-2027."))
        return year

    def clean_date_from(self):
        return _period_day(self.cleaned_data["date_from"])

    def clean_date_to(self):
        return _period_day(self.cleaned_data["date_to"])

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            data["date_from"] = data["date_to"] = None
            raise ValidationError(_("The period ends before it starts; dates ignored."))
        return data


def _period_day(raw):
    if not raw:
        return None
    try:
        parsed = parse_date(raw)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationError(
            _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": raw}
        )
    if not EARLIEST <= parsed <= LATEST:
        raise ValidationError(
            _("“%(value)s” is outside %(first)s – %(last)s; date ignored.")
            % {"value": raw, "first": _fmt(EARLIEST), "last": _fmt(LATEST)}
        )
    return parsed


@dataclass
class ReportFilters:
    user: object
    roots: list
    unit: Organisation | None = None
    school_class: SchoolClass | None = None
    course: CoursePage | None = None
    audience: Audience | None = None
    school_year: str = ""
    date_from: date | None = None
    date_to: date | None = None
    errors: list = field(default_factory=list)

    # --- building -------------------------------------------------------------

    @classmethod
    def from_request(cls, request, unit_id=None, class_id=None):
        return cls.for_user(request.user, request.GET, unit_id, class_id)

    @classmethod
    def for_user(cls, user, data, unit_id=None, class_id=None, roots=None):
        """``data``: a QueryDict or dict keyed by the GET slugs. ``unit_id`` and
        ``class_id`` come from the URL path and raise Http404 outside the scope.
        ``roots``: a narrower area than the user's (e.g. personal data's)."""
        filters = cls(user=user, roots=scope_roots(user) if roots is None else roots)
        filters._read(data, unit_id, class_id)
        return filters

    def _read(self, data, unit_id, class_id):
        if class_id is not None:
            self.school_class = class_in_scope(class_id, self.roots)
            if self.school_class is None:
                raise Http404
        if unit_id is not None:
            self.unit = unit_in_scope(unit_id, self.roots)
            if self.unit is None:
                raise Http404
        form = StatisticsFilterForm(
            data, roots=self.roots, unit_id=unit_id, class_id=class_id
        )
        form.is_valid()
        # Fields that did not validate keep their defaults (nothing chosen).
        for name, value in form.cleaned_data.items():
            setattr(self, name, value)
        self.errors.extend(form.messages())
        if self.school_class is not None:
            self.unit = self.school_class.organisation
        if self.unit is None and len(self.roots) == 1:
            self.unit = self.roots[0]

    # --- using ----------------------------------------------------------------

    @property
    def scope_paths(self):
        """Tree paths whose enrolments this view counts."""
        return [self.unit.path] if self.unit else [r.path for r in self.roots]

    def of_course(self, queryset):
        """``queryset`` (rows with a ``course``) narrowed to the course and audience
        chosen, if any."""
        if self.course:
            queryset = queryset.filter(course=self.course)
        if self.audience:
            courses = CoursePage.objects.filter(audiences=self.audience)
            queryset = queryset.filter(course_id__in=courses.values("pk"))
        return queryset

    def params(self, **overrides):
        """{slug: value} of the set filters, with overrides (None removes one)."""
        values = {
            "course": self.course.pk if self.course else None,
            "audience": self.audience.pk if self.audience else None,
            "unit": self.unit.pk if self.unit else None,
            "school_class": self.school_class.pk if self.school_class else None,
            "school_year": self.school_year or None,
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
        }
        values.update(overrides)
        return {PARAMS[k]: v for k, v in values.items() if v not in (None, "")}

    def as_query(self, **overrides):
        """ "khoa-hoc=3&tu-ngay=2026-09-01": to keep the filters in links."""
        return urlencode(self.params(**overrides))

    def to_dict(self):
        """Plain data for a Celery task; ``from_dict`` checks it all again."""
        return {"user_id": self.user.pk, "params": self.params()}

    @classmethod
    def from_dict(cls, data):
        user = get_user_model().objects.get(pk=data["user_id"])
        return cls.for_user(user, data["params"])

    def describe(self):
        """[(label, value)] of the filters, for the header of an export."""
        rows = [
            (
                _("Unit"),
                self.unit.name
                if self.unit
                else ", ".join(r.name for r in self.roots) or "—",
            ),
        ]
        if self.school_class:
            rows.append((_("Class"), str(self.school_class)))
        rows.append((_("Course"), self.course.title if self.course else _("All")))
        rows.append((_("Audience"), self.audience.name if self.audience else _("All")))
        if self.school_year:
            rows.append((_("School year"), self.school_year))
        if self.date_from or self.date_to:
            rows.append(
                (
                    _("Enrolled between"),
                    f"{_fmt(self.date_from)} – {_fmt(self.date_to)}",
                )
            )
        return rows


def is_school_year(text):
    parts = text.split("-")
    return (
        len(parts) == 2
        and all(len(p) == 4 and p.isdigit() for p in parts)
        and int(parts[1]) == int(parts[0]) + 1
    )


def _fmt(day):
    return day.strftime("%d/%m/%Y") if day else "…"
