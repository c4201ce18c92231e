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

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from courses.models import Audience, CoursePage
from people.models import Organisation, SchoolClass
from people.scope import scope_paths

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


def scope_roots(user):
    """The top units the user may see: their viewer/coordinator units, or every
    root for a superuser. Units under another of the user's units are left out."""
    if user.is_superuser:
        return list(Organisation.get_root_nodes())
    paths = sorted(set(scope_paths(user)))
    tops = [p for p in paths if not any(p != q and p.startswith(q) for q in paths)]
    return list(Organisation.objects.filter(path__in=tops).order_by("path"))


def may_view_reports(user):
    return user.is_authenticated and (user.is_superuser or bool(scope_paths(user)))


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
    def for_user(cls, user, data, unit_id=None, class_id=None):
        """``data``: a QueryDict or dict keyed by the GET slugs. ``unit_id`` and
        ``class_id`` come from the URL path and raise Http404 outside the scope."""
        filters = cls(user=user, roots=scope_roots(user))
        filters._read(data, unit_id, class_id)
        return filters

    def _read(self, data, unit_id, class_id):
        def value(name):
            raw = data.get(PARAMS[name], "")
            return raw.strip() if isinstance(raw, str) else str(raw)

        if class_id is not None:
            self.school_class = self._class(class_id)
            if self.school_class is None:
                raise Http404
        elif value("school_class"):
            self.school_class = self._class(value("school_class"))
            if self.school_class is None:
                self.errors.append(
                    _("The class you chose does not exist or is outside your area.")
                )
        if unit_id is not None:
            self.unit = self._unit(unit_id)
            if self.unit is None:
                raise Http404
        elif value("unit"):
            self.unit = self._unit(value("unit"))
            if self.unit is None:
                self.errors.append(
                    _("The unit you chose does not exist or is outside your area.")
                )
        if self.school_class is not None:
            self.unit = self.school_class.organisation
        if self.unit is None and len(self.roots) == 1:
            self.unit = self.roots[0]

        if value("course"):
            self.course = _by_id(CoursePage.objects.live(), value("course"))
            if self.course is None:
                self.errors.append(_("The course you chose does not exist."))
        if value("audience"):
            self.audience = _by_id(Audience.objects.all(), value("audience"))
            if self.audience is None:
                self.errors.append(_("The audience you chose does not exist."))
        year = value("school_year")
        if year:
            if _is_school_year(year):
                self.school_year = year
            else:
                self.errors.append(_("The school year looks like 2026-2027."))
        for name in ("date_from", "date_to"):
            raw = value(name)
            if not raw:
                continue
            try:
                parsed = parse_date(raw)
            except ValueError:
                parsed = None
            if parsed is None:
                self.errors.append(
                    _("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": raw}
                )
            elif not EARLIEST <= parsed <= LATEST:
                self.errors.append(
                    _("“%(value)s” is outside %(first)s – %(last)s; date ignored.")
                    % {"value": raw, "first": _fmt(EARLIEST), "last": _fmt(LATEST)}
                )
            else:
                setattr(self, name, parsed)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            self.errors.append(_("The period ends before it starts; dates ignored."))
            self.date_from = self.date_to = None

    def _unit(self, raw):
        unit = _by_id(Organisation.objects.all(), raw)
        if unit is None or not any(unit.path.startswith(r.path) for r in self.roots):
            return None
        return unit

    def _class(self, raw):
        school_class = _by_id(SchoolClass.objects.select_related("organisation"), raw)
        if school_class is None or not any(
            school_class.organisation.path.startswith(r.path) for r in self.roots
        ):
            return None
        return school_class

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


def _by_id(queryset, raw):
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    if pk <= 0 or pk > 2**62:
        return None
    return queryset.filter(pk=pk).first()


def _is_school_year(text):
    parts = text.split("-")
    return (
        len(parts) == 2
        and all(len(p) == 4 and p.isdigit() for p in parts)
        and int(parts[1]) == int(parts[0]) + 1
    )


def _fmt(day):
    return day.strftime("%d/%m/%Y") if day else "…"
