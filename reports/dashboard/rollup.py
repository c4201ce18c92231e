"""The summary tables behind the statistics views: rebuilding and reading them.

``refresh()`` rebuilds the summary tables of reports/models/rollup.py from the
enrolments in one transaction: one INSERT … SELECT … GROUP BY each. Celery beat
runs it every 10 minutes (``reports.tasks.refresh_summary``; REPORTS_REFRESH_SECONDS).
A page that finds the summary older than that (beat late or missing) queues a rebuild
once and says the figures are being updated.

When the summary answers a view (``covers``): no class is chosen (class pages and
learner lists are always live) and the period, if any, is made of whole months —
it starts on the 1st and ends on the last day of a month (Vietnam time, like the
live filters) — and spans more than 120 days (shorter periods chart completions by
week, which the summary does not keep; their live queries read few rows anyway).
Every other view, and every view while the summary was never built, is live.

Median days to complete counts whole days (the live queries do the same), so the
summary gives the very same median from a histogram of day values.
"""

import time as clock
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    Count,
    DateField,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    Max,
    Min,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Substr, TruncMonth
from django.utils import timezone

from certificates.models import Certificate
from core.queueing import publish
from courses.models import Enrolment
from people.models import Organisation

from ..models import (
    CompletionDays,
    CompletionMonths,
    EnrolmentSummary,
    RootCompletionDays,
    SummaryState,
)

WEEKLY_DAYS = 120  # periods up to this long chart by week (dashboard/queries.py)
QUEUED_KEY = "reports:summary-refresh-queued"


class WholeDays(Func):
    """Whole days from enrolment to completion (completed enrolments only)."""

    output_field = IntegerField()

    def __init__(self):
        super().__init__(F("completed_at"), F("enrolled_at"))

    def as_sql(self, compiler, connection, **extra):
        template = (
            "CAST(FLOOR(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400) AS integer)"
        )
        return super().as_sql(
            compiler, connection, template=template, arg_joiner=" - ", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(julianday(%(expressions)s) AS integer)"
        return super().as_sql(
            compiler,
            connection,
            template=template,
            arg_joiner=") - julianday(",
            **extra,
        )


def month(field):
    """The first day of the month of ``field``, in the site's time zone."""
    return TruncMonth(field, output_field=DateField())


def _source():
    return Enrolment.objects.active().filter(organisation__isnull=False)


def refresh():
    """Rebuild the summary tables from the enrolments; return the seconds taken.
    Readers see the old tables until the commit (safe to run twice)."""
    started, now = clock.perf_counter(), timezone.now()
    keys = {
        "organisation_id": F("organisation_id"),
        "course_id": F("course_id"),
        "school_year": Coalesce(F("school_class__school_year"), Value("")),
        "enrolled_month": month("enrolled_at"),
    }
    # At most one issued certificate per enrolment (a constraint): the LEFT JOIN
    # cannot multiply the other counts.
    rows = (
        _source()
        .annotate(
            issued_certificate=FilteredRelation(
                "certificates",
                condition=Q(certificates__status=Certificate.Status.ISSUED),
            ),
            **{f"k_{name}": expr for name, expr in keys.items()},
        )
        .values(*(f"k_{name}" for name in keys))
        .annotate(
            enrolled=Count("pk"),
            started=Count(
                "pk", filter=Q(started_at__isnull=False) | Q(completed_at__isnull=False)
            ),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            certificates=Count("issued_certificate"),
            score_sum=Sum("best_score"),
            scored=Count("best_score"),
        )
        .order_by()
    )
    completed = (
        _source()
        .filter(completed_at__isnull=False)
        .annotate(**{f"k_{name}": expr for name, expr in keys.items()})
    )
    months = (
        completed.annotate(k_completed_month=month("completed_at"))
        .values(*(f"k_{name}" for name in keys), "k_completed_month")
        .annotate(
            completions=Count("pk"),
            first_completed=Min("completed_at"),
            last_completed=Max("completed_at"),
        )
        .order_by()
    )
    days = (
        completed.annotate(k_days=WholeDays())
        .values(*(f"k_{name}" for name in keys), "k_days")
        .annotate(completions=Count("pk"))
        .order_by()
    )
    root_keys = ["root_path", *list(keys)[1:], "days"]
    root_days = (
        completed.annotate(
            k_days=WholeDays(),
            k_root_path=Substr("organisation__path", 1, Organisation.steplen),
        )
        .values(*(f"k_{name}" for name in root_keys))
        .annotate(completions=Count("pk"))
        .order_by()
    )
    counts = ["enrolled", "started", "completed", "certificates", "score_sum", "scored"]
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One rebuild at a time (readers are not blocked): two concurrent
            # DELETE + INSERT would leave both copies.
            with connection.cursor() as cursor:
                table = connection.ops.quote_name(SummaryState._meta.db_table)
                cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
        EnrolmentSummary.objects.all().delete()
        for model in (CompletionMonths, CompletionDays, RootCompletionDays):
            model.objects.all().delete()
        _insert_renamed(EnrolmentSummary, rows, list(keys), counts)
        _insert_renamed(
            CompletionMonths,
            months,
            [*keys, "completed_month"],
            ["completions", "first_completed", "last_completed"],
        )
        _insert_renamed(CompletionDays, days, [*keys, "days"], ["completions"])
        _insert_renamed(RootCompletionDays, root_days, root_keys, ["completions"])
        seconds = clock.perf_counter() - started
        SummaryState.objects.all().delete()
        SummaryState.objects.create(refreshed_at=now, seconds=seconds)
    return seconds


def _insert_renamed(model, queryset, keys, values):
    """INSERT INTO the model's table the rows of ``queryset``, picked by name from
    a subquery (group keys are named k_<name>) so the column order cannot slip."""
    sql, params = queryset.query.sql_with_params()
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [model._meta.get_field(k).column for k in keys] + [
        model._meta.get_field(v).column for v in values
    ]
    picked = [quote(f"k_{k}") for k in keys] + [quote(v) for v in values]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
            f"SELECT {', '.join(picked)} FROM ({sql}) AS s",
            params,
        )


def state():
    """The ``SummaryState`` row, or None when the summary was never built."""
    return SummaryState.objects.order_by("-refreshed_at").first()


def period():
    """Seconds between two rebuilds (beat's schedule; REPORTS_REFRESH_SECONDS)."""
    return settings.REPORTS_REFRESH_SECONDS


def is_stale(state, now=None):
    """True when the summary is older than its period: beat's rebuild is late (or
    there is no beat), so its "as of" time is no longer what the page promises."""
    now = now or timezone.now()
    return now - state.refreshed_at > timedelta(seconds=period())


def queue_refresh():
    """Queue a rebuild after the current transaction, at most once a period (many
    visits must not each queue one; the flag is in the cache all processes share)."""
    from .tasks import refresh_summary

    if cache.add(QUEUED_KEY, True, period()):
        transaction.on_commit(lambda: publish(refresh_summary))


def covers(filters):
    """True when the summary can answer a view with these filters (module doc)."""
    if filters.school_class is not None:
        return False
    start, end = filters.date_from, filters.date_to
    if start and start.day != 1:
        return False
    if end and (end + timedelta(days=1)).day != 1:
        return False
    if start and end and (end - start).days <= WEEKLY_DAYS:
        return False
    return True


def whole_roots(filters, tree):
    """True when the view counts whole top units, none of whose units merged into
    another top unit (or from one): then ``RootCompletionDays`` answers it."""
    step = Organisation.steplen
    if any(len(path) != step for path in filters.scope_paths):
        return False
    if not tree.moved:
        return True
    for pk, path in Organisation.objects.filter(pk__in=list(tree.moved)).values_list(
        "pk", "path"
    ):
        if path[:step] != tree.moved[pk][:step]:
            return False
    return True


def rows(filters, tree, model):
    """The summary rows (of ``model``) of the view: in scope and filtered."""
    if model is RootCompletionDays:
        queryset = model.objects.filter(root_path__in=filters.scope_paths)
    else:
        queryset = model.objects.filter(
            organisation_id__in=tree.unit_ids_under(filters.scope_paths)
        )
    queryset = filters.of_course(queryset)
    if filters.school_year:
        queryset = queryset.filter(school_year=filters.school_year)
    if filters.date_from:
        queryset = queryset.filter(enrolled_month__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(enrolled_month__lte=filters.date_to)
    return queryset


def grouped(filters, tree):
    """Like ``queries.grouped`` (monthly buckets): two queries on the summary."""
    units = {
        row.pop("organisation_id"): row
        for row in rows(filters, tree, EnrolmentSummary)
        .values("organisation_id")
        .annotate(
            enrolled=Sum("enrolled"),
            started=Sum("started"),
            completed=Sum("completed"),
            certificates=Sum("certificates"),
            score_sum=Sum("score_sum"),
            scored=Sum("scored"),
        )
        .order_by()
    }
    buckets = (
        rows(filters, tree, CompletionMonths)
        .values("completed_month")
        .annotate(n=Sum("completions"))
        .order_by("completed_month")
        .values_list("completed_month", "n")
    )
    return units, False, list(buckets)


def completion_figures(filters, tree):
    """(day histogram [(days, n)], first completion, last completion): two
    queries, the first on the per-province table when the view allows."""
    days = RootCompletionDays if whole_roots(filters, tree) else CompletionDays
    histogram = list(
        rows(filters, tree, days)
        .values("days")
        .annotate(n=Sum("completions"))
        .order_by("days")
        .values_list("days", "n")
    )
    span = rows(filters, tree, CompletionMonths).aggregate(
        first=Min("first_completed"), last=Max("last_completed")
    )
    return histogram, span["first"], span["last"]
