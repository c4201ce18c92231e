"""The SQL behind every statistics view: a few aggregate queries per page.

Every function takes a ``ReportFilters`` (already scoped to the user) and returns
numbers computed by the database. Tables are one grouped query each — child units
are grouped on the prefix of their tree path — so the number of queries of a page
never depends on how many units, classes or learners there are.
"""

from datetime import datetime, time, timedelta

from django.db.models import (
    Count,
    FilteredRelation,
    Max,
    Min,
    Q,
    Sum,
)
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment
from people.models import Organisation, SchoolClass

from ..access import units_under
from ..populations import headcounts
from ..tree import UnitTree
from . import rollup

STARTED = Q(started_at__isnull=False) | Q(completed_at__isnull=False)
COMPLETED = Q(completed_at__isnull=False)


def summary_state(filters):
    """Which path answers a view: the ``SummaryState`` of the summary tables
    (dashboard/rollup.py says when they may), or None for the live queries. While the
    summary was never built the view is live and a rebuild is queued; while it is
    older than its period it is used, and a rebuild is queued (``rollup.is_stale``)."""
    if not rollup.covers(filters):
        return None
    state = rollup.state()
    if state is None or rollup.is_stale(state):
        rollup.queue_refresh()
    return state


def figures():
    """The aggregate columns of every grouped row. Sums and counts only, so rows
    of units add up into their parents (the average score is sum / count)."""
    return {
        "enrolled": Count("pk"),
        "started": Count("pk", filter=STARTED),
        "completed": Count("pk", filter=COMPLETED),
        "certificates": Count("issued_certificate"),
        "score_sum": Sum("best_score"),
        "scored": Count("best_score"),
    }


SUMS = ("enrolled", "started", "completed", "certificates", "score_sum", "scored")


def _add(rows):
    total = dict.fromkeys(SUMS, 0)
    for row in rows:
        for name in SUMS:
            total[name] += row.get(name) or 0
    return total


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def enrolments(filters, tree=None):
    """The enrolments a view counts: in the user's scope and matching the filters.
    Withdrawn enrolments are left out; merged units count at their successor."""
    tree = tree or UnitTree()
    queryset = Enrolment.objects.active().filter(
        organisation_id__in=tree.unit_ids_under(filters.scope_paths)
    )
    if filters.school_class:
        queryset = queryset.filter(school_class=filters.school_class)
    queryset = filters.of_course(queryset)
    if filters.school_year:
        queryset = queryset.filter(school_class__school_year=filters.school_year)
    if filters.date_from:
        queryset = queryset.filter(enrolled_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        queryset = queryset.filter(
            enrolled_at__lt=_day_start(filters.date_to + timedelta(days=1))
        )
    return queryset


def _with_certificates(queryset):
    # At most one live certificate per enrolment (a database constraint), so this
    # LEFT JOIN never multiplies rows.
    return queryset.annotate(
        issued_certificate=FilteredRelation(
            "certificates",
            condition=Q(certificates__status=Certificate.Status.ISSUED),
        )
    )


def _finish(row):
    row = dict(row)
    enrolled = row.get("enrolled") or 0
    row["rate"] = round(100 * row["completed"] / enrolled, 1) if enrolled else None
    scored = row.get("scored") or 0
    row["avg_score"] = round(float(row["score_sum"]) / scored, 1) if scored else None
    return row


def grouped(filters, tree, summarised=False):
    """One scan of the view's enrolments, grouped by their unit and by the week or
    month of completion (weeks when the period filter spans at most 120 days).

    Returns ``(units, weekly, points)``: {unit id: figures} — which the callers add
    up by tree path — and [(bucket start, completions)] for the chart. At most
    units × buckets rows come back, whatever the number of enrolments.
    ``summarised``: read the summary tables instead (see ``summary_state``).
    """
    if summarised:
        return rollup.grouped(filters, tree)
    weekly = bool(
        filters.date_from
        and filters.date_to
        and (filters.date_to - filters.date_from).days <= rollup.WEEKLY_DAYS
    )
    trunc = TruncWeek if weekly else TruncMonth
    units, buckets = {}, {}
    rows = (
        _with_certificates(enrolments(filters, tree))
        .annotate(bucket=trunc("completed_at"))
        .values("organisation_id", "bucket")
        .annotate(**figures())
        .order_by()
    )
    for row in rows:
        unit, bucket = row.pop("organisation_id"), row.pop("bucket")
        units[unit] = _add([units.get(unit, {}), row])
        if bucket is not None:
            buckets[bucket] = buckets.get(bucket, 0) + row["completed"]
    return units, weekly, sorted(buckets.items())


def by_unit(filters, tree, summarised=False):
    """{unit id: figures} of the view (see ``grouped``)."""
    return grouped(filters, tree, summarised)[0]


def summary(filters, tree=None, units=None, summarised=False, populations=None):
    """{enrolled, started, completed, rate, certificates, avg_score, median_days,
    first_completion, last_completion, population, not_enrolled, coverage} for the
    whole view. Adds up ``units`` (the rows of ``by_unit``, when the page has them
    already) and asks the database only for the completion days (one query live,
    two on the summary tables) and the populations (populations/headcounts.py).
    The median counts whole days from enrolment to completion."""
    tree = tree or UnitTree()
    if units is None:
        units = by_unit(filters, tree, summarised)
    row = _add(units.values())
    if summarised:
        histogram, first, last = rollup.completion_figures(filters, tree)
    else:
        histogram, first, last = _completion_figures(filters, tree)
    row |= {
        "first_completion": first,
        "last_completion": last,
        "median_days": median(histogram),
    }
    if filters.school_class is not None:  # a class: the learners on its list
        population = headcounts.class_sizes([filters.school_class.pk]).get(
            filters.school_class.pk, 0
        )
    else:
        populations = populations or headcounts.for_view(filters, tree)
        population = populations.of_units(filters.scope_paths)
    return headcounts.add_coverage(_finish(row), population)


def _completion_figures(filters, tree):
    histogram, first, last = [], None, None
    for days, n, low, high in (
        enrolments(filters, tree)
        .filter(COMPLETED)
        .annotate(days=rollup.WholeDays())
        .values("days")
        .annotate(n=Count("pk"), low=Min("completed_at"), high=Max("completed_at"))
        .order_by("days")
        .values_list("days", "n", "low", "high")
    ):
        histogram.append((days, n))
        first = low if first is None else min(first, low)
        last = high if last is None else max(last, high)
    return histogram, first, last


def median(histogram):
    """The median of the values of a sorted [(value, count)] histogram (the mean
    of the two middle values for an even count), rounded to 0.1."""
    total = sum(n for _value, n in histogram)
    if not total:
        return None
    wanted = {(total - 1) // 2, total // 2}  # 0-based ranks of the middle value(s)
    found, seen = [], 0
    for value, n in histogram:
        found += [value] * len({r for r in wanted if seen <= r < seen + n})
        seen += n
    return round(sum(found) / len(found), 1)


def child_units(filters):
    """The units one level below the view (the user's top units when the view has
    none), retired ones left out. One query."""
    if filters.unit is None:
        return list(filters.roots)
    return list(
        filters.unit.get_children().filter(succeeded_by__isnull=True).order_by("name")
    )


def unit_rows(filters, tree=None, units=None, populations=None):
    """One row per child unit: its figures, zero when it has no enrolments. Plus a
    row per unit merged into the viewed one (``merged``, its own page a link away),
    and, when some enrolments sit on the viewed unit itself, a row for those. The
    per-unit rows of ``by_unit`` are added up by tree path in Python: at most one
    row per unit of the area, whatever the number of enrolments. Each row has its
    unit's rolled-up population (none on the row of the viewed unit itself)."""
    tree = tree or UnitTree()
    children = child_units(filters)
    if not children:
        return []
    if units is None:
        units = by_unit(filters, tree)
    paths = tree.paths_of(filters.scope_paths)
    groups = {}
    for unit_id, row in units.items():
        path = paths.get(unit_id, "")
        key = next((c.path for c in children if path.startswith(c.path)), None)
        if key is None and filters.unit is not None:
            # in a unit merged into the viewed one, or on the viewed unit itself
            key = tree.moved_from.get(unit_id, filters.unit.path)
        groups.setdefault(key, []).append(row)
    populations = populations or headcounts.for_view(filters, tree)
    rows = [
        headcounts.add_coverage(
            _finish({"unit": c, "key": c.path, **_add(groups.get(c.path, []))}),
            populations.of(c.path),
        )
        for c in children
    ]
    merged = set(groups) - {c.path for c in children} - {None}
    if filters.unit is not None:
        merged.discard(filters.unit.path)
    for unit in Organisation.objects.filter(path__in=merged).order_by("name"):
        # a retired unit has no population of its own (its successor declares it)
        rows.append(
            headcounts.add_coverage(
                _finish(
                    {"unit": unit, "key": unit.path, "merged": True}
                    | _add(groups[unit.path])
                ),
                None,
            )
        )
    here = filters.unit and groups.get(filters.unit.path)
    if here:
        rows.append(
            headcounts.add_coverage(
                _finish(
                    {"unit": filters.unit, "key": filters.unit.path, "itself": True}
                    | _add(here)
                ),
                None,
            )
        )
    return rows


def class_rows(filters, tree=None):
    """One row per class of the viewed unit (or classes that merged into it). Three
    queries: the grouped figures, the class names and the class sizes (a class's
    population is the learners on its list)."""
    if filters.unit is None:
        return []
    grouped = {
        r["school_class_id"]: r
        for r in _with_certificates(enrolments(filters, tree))
        .filter(school_class__isnull=False)
        .values("school_class_id")
        .annotate(**figures())
        .order_by()
    }
    classes = SchoolClass.objects.filter(
        Q(organisation=filters.unit) | Q(pk__in=list(grouped))
    )
    if filters.school_year:
        classes = classes.filter(school_year=filters.school_year)
    if filters.school_class:
        classes = classes.filter(pk=filters.school_class.pk)
    classes = list(classes.order_by("-school_year", "name"))
    sizes = headcounts.class_sizes(c.pk for c in classes)
    return [
        headcounts.add_coverage(
            _finish({"school_class": c, **_zero(grouped.get(c.pk))}),
            sizes.get(c.pk, 0),
        )
        for c in classes
    ]


def _zero(row):
    if row is None:
        return dict.fromkeys(figures(), 0) | {
            "avg_score": None,
            "median_days": None,
        }
    return {k: v for k, v in row.items() if k not in ("key", "school_class_id")}


def learner_rows(filters, tree=None, limit=500):
    """Enrolments of the viewed class with the learner, course and status (one query;
    at most ``limit`` rows, a class is never that big)."""
    return list(
        enrolments(filters, tree)
        .select_related("user", "course")
        .order_by("user__name_sort_key", "user_id", "course__title")[:limit]
    )


def organisation_options(filters):
    """Units the filter form offers: the user's whole area (one query)."""
    return units_under(filters.roots).order_by("path")
