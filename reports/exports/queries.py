"""The rows of the learner list with personal data: one per enrolment of the view,
in one lazy query.

``export_rows`` reads the same scoped enrolments as the dashboard
(``reports.dashboard.queries.enrolments``), with labels translated in SQL; the status
words are the screen's (reports/statuses.py).
"""

from django.db.models import Case, CharField, F, Value, When
from django.utils.translation import gettext as _

from courses.models import Enrolment

from .. import statuses
from ..dashboard.queries import enrolments
from ..tree import UnitTree


def _labels(field, choices):
    return Case(
        *[When(**{field: value}, then=Value(str(label))) for value, label in choices],
        default=F(field),
        output_field=CharField(),
    )


def export_header():
    return [
        _("Learner"),
        _("Student code"),
        _("Unit"),
        _("Class"),
        _("School year"),
        _("Course"),
        _("Enrolled by"),
        _("Status"),
        _("Enrolled at"),
        _("Started at"),
        _("Completed at"),
        _("Best quiz score (%)"),
    ]


def export_rows(filters, tree=None):
    """(header, rows) of every enrolment of the view, one row per enrolment.

    ``rows`` is a lazy values_list queryset of tuples in header order: iterate it
    with ``rows.iterator(chunk_size=2000)`` to keep memory flat. Datetimes are
    aware (UTC): convert with ``timezone.localtime``. ``best_score`` is a Decimal or
    None. Labels (source, status) are already translated in the active language.
    """
    tree = tree or UnitTree()
    rows = (
        enrolments(filters, tree)
        .annotate(
            unit_name=tree.name_expression(),
            source_label=_labels("source", Enrolment.Source.choices),
            status_label=statuses.label_expression(),
        )
        .order_by("pk")
        .values_list(
            "user__full_name",
            "user__student_code",
            "unit_name",
            "school_class__name",
            "school_class__school_year",
            "course__title",
            "source_label",
            "status_label",
            "enrolled_at",
            "started_at",
            "completed_at",
            "best_score",
        )
    )
    return export_header(), rows


def export_count(filters, tree=None):
    return enrolments(filters, tree).count()
