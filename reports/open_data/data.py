"""Open data: monthly counts by commune, course and audience, with small cells hidden.

Published without sign-in for the province's open data portal (schema and rules in
docs/open-data.md, which pins ``COLUMNS``). No personal data: only counts, of
events in a month — enrolments made, courses completed, certificates issued.

Disclosure control: a count from 1 to 4 is published as empty/null with its
``*_suppressed`` flag set. Only these finest cells are published — never a total
or subtotal over communes, courses, audiences or months — so no suppressed cell can
be recovered by subtracting published cells from a published total.

Each measure is one SQL aggregate (by unit, course and month) rolled up to the
commune in the database; merged units count at their successor (``UnitTree``).
"""

from datetime import datetime

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from certificates.models import Certificate
from courses.models import Enrolment
from people.models import Organisation

from ..tree import UnitTree

SCHEMA_VERSION = 1
THRESHOLD = 5  # counts 1 … THRESHOLD-1 are suppressed
CACHE_KEY = f"open-data:v{SCHEMA_VERSION}"
CACHE_SECONDS = 60 * 60
LICENCE = "CC BY 4.0"

# (name, type, meaning): the published columns, in order. docs/open-data.md lists
# the same table and a test keeps them equal; change both, and SCHEMA_VERSION.
COLUMNS = [
    ("month", "string YYYY-MM", _("calendar month (Vietnam time) of the events")),
    ("commune_code", "string", _("official code of the commune/ward; empty if none")),
    ("commune_name", "string", _("name of the commune/ward; empty if none")),
    ("course_id", "integer", _("the portal's stable identifier of the course")),
    ("course_title", "string", _("title of the course")),
    ("audience_code", "string", _("school, one_stop_office or other")),
    ("audience_name", "string", _("the audience in words")),
    ("enrolled", "integer or empty", _("enrolments made in the month")),
    ("enrolled_suppressed", "boolean", _("true when enrolled is hidden (1 to 4)")),
    ("completed", "integer or empty", _("courses completed in the month")),
    ("completed_suppressed", "boolean", _("true when completed is hidden (1 to 4)")),
    (
        "certificates_issued",
        "integer or empty",
        _("certificates issued in the month"),
    ),
    (
        "certificates_issued_suppressed",
        "boolean",
        _("true when certificates_issued is hidden (1 to 4)"),
    ),
]
COLUMN_NAMES = [name for name, _type, _meaning in COLUMNS]
MEASURES = ("enrolled", "completed", "certificates_issued")

AUDIENCES = {
    Organisation.Kind.SCHOOL: _("Youth-union members in schools"),
    Organisation.Kind.ONE_STOP_OFFICE: _("One-stop-shop staff"),
}


def audience_of(kind):
    """(code, name): the published names are Vietnamese whatever language the
    thread was left in (a request in English leaves English active)."""
    with translation.override("vi"):
        if kind in AUDIENCES:
            return kind, str(AUDIENCES[kind])
        return "other", str(_("Other"))


def suppress(count):
    """(published value, suppressed flag): 1 to THRESHOLD-1 is hidden; 0 is not."""
    if 0 < count < THRESHOLD:
        return None, True
    return count, False


def _month(value):
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m")
    return str(value)[:7]


def _by_unit_and_month(queryset, date_field, prefix, course_field, tree):
    """Counts per (unit path after merges, unit kind, course, month) — lazy."""
    return (
        queryset.filter(**{f"{date_field}__isnull": False})
        .annotate(
            unit_path=tree.path_expression(prefix),
            unit_kind=F(f"{prefix}kind"),
            course_ref=F(course_field),
            month=TruncMonth(date_field),
        )
        .values("unit_path", "unit_kind", "course_ref", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _per_commune(queryset):
    """Roll a per-unit aggregate up to communes, in SQL."""
    inner, params = queryset.query.sql_with_params()
    organisations = connection.ops.quote_name(Organisation._meta.db_table)
    pages = connection.ops.quote_name(Page._meta.db_table)
    # Interpolated: Django's own compiled query and quoted table names; values are
    # parameters.
    sql = (
        "SELECT t.month, c.code, c.name, t.unit_kind, t.course_ref, p.title,"  # noqa: S608
        " SUM(t.n)"
        f" FROM ({inner}) t"
        f" LEFT JOIN {organisations} c ON c.kind = %s"
        " AND t.unit_path LIKE c.path || '%%'"
        f" LEFT JOIN {pages} p ON p.id = t.course_ref"
        " GROUP BY t.month, c.code, c.name, t.unit_kind, t.course_ref, p.title"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, Organisation.Kind.COMMUNE])
        return cursor.fetchall()


def build_rows():
    """The published rows, sorted; three aggregate queries (plus the merge map)."""
    tree = UnitTree()
    enrolments = Enrolment.objects.active()
    sources = {
        "enrolled": _by_unit_and_month(
            enrolments, "enrolled_at", "organisation__", "course_id", tree
        ),
        "completed": _by_unit_and_month(
            enrolments, "completed_at", "organisation__", "course_id", tree
        ),
        "certificates_issued": _by_unit_and_month(
            Certificate.objects.filter(
                status=Certificate.Status.ISSUED, enrolment__isnull=False
            ),
            "issued_at",
            "enrolment__organisation__",
            "enrolment__course_id",
            tree,
        ),
    }
    cells = {}
    for measure, queryset in sources.items():
        for month, code, name, kind, course_id, title, count in _per_commune(queryset):
            audience_code, audience_name = audience_of(kind)
            key = (_month(month), code or "", course_id, audience_code)
            row = cells.setdefault(
                key,
                {
                    "month": key[0],
                    "commune_code": code or "",
                    "commune_name": name or "",
                    "course_id": course_id,
                    "course_title": title or "",
                    "audience_code": audience_code,
                    "audience_name": audience_name,
                    **dict.fromkeys(MEASURES, 0),
                },
            )
            # "other" gathers several unit kinds: their counts add up.
            row[measure] += int(count)
    rows = []
    for key in sorted(cells):
        row = cells[key]
        for measure in MEASURES:
            row[measure], row[f"{measure}_suppressed"] = suppress(row[measure])
        rows.append({name: row[name] for name in COLUMN_NAMES})
    return rows


def published():
    """{"generated_at", "rows"}: cached for an hour, the figures move slowly."""

    def compute():
        rows = build_rows()
        return {"generated_at": timezone.now().isoformat(), "rows": rows}

    return cache.get_or_set(CACHE_KEY, compute, CACHE_SECONDS)
