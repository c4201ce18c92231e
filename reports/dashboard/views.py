"""The statistics dashboard: figures, drill-down tables, charts and targets.

One view serves every level: the user's area (or a unit) → its child units; a unit
without children → its classes; a class → its learners. Each level is a fixed
number of queries whatever the size of the data.
"""

from django.core.cache import cache
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.models import Audience, CoursePage
from people.models import Organisation, SchoolClass

from ..access import may_set_targets, report_viewer_required, within
from ..filters import ReportFilters
from ..stragglers.effect import reminder_effect
from ..targets.rules import candidates, target_for
from ..tree import UnitTree
from . import charts, queries, rollup

CACHE_SECONDS = 60  # figures may be a minute old; targets and names are always fresh


def cached(filters, level, compute):
    key = "reports:{}:{}:{}:{}".format(
        level,
        ",".join(filters.scope_paths),
        filters.as_query(),
        get_language(),
    )
    return cache.get_or_set(key, compute, CACHE_SECONDS)


def figures_source(state):
    """The part of a cache key saying where figures came from: a rebuild of the
    summary makes a new state row, so cached figures never outlive their summary."""
    return f"summary{state.pk}" if state is not None else "live"


def _link(name, pk, filters):
    query = filters.as_query(unit=None, school_class=None)
    return reverse(name, args=[pk]) + (f"?{query}" if query else "")


def _breadcrumbs(filters):
    crumbs = []
    if len(filters.roots) > 1:
        query = filters.as_query(unit=None, school_class=None)
        crumbs.append(
            (_("All my units"), reverse("reports:dashboard") + f"?{query}".rstrip("?"))
        )
    unit = filters.unit
    if unit is not None:
        step = Organisation.steplen
        prefixes = [unit.path[:i] for i in range(step, len(unit.path) + 1, step)]
        ancestors = Organisation.objects.filter(path__in=prefixes).order_by("path")
        for node in ancestors:
            if within(node.path, filters.roots):
                crumbs.append((node.name, _link("reports:unit", node.pk, filters)))
    if filters.school_class is not None:
        crumbs.append((str(filters.school_class), None))
    elif crumbs:
        crumbs[-1] = (crumbs[-1][0], None)  # the current page is not a link
    return crumbs


def _export_links(filters):
    """Links to the XLSX/CSV exports of this view (reports/exports/urls.py)."""
    try:
        url = reverse("reports_exports:start")
    except NoReverseMatch:
        return []
    query = filters.as_query()
    return [
        (label, f"{url}?{query}&format={fmt}" if query else f"{url}?format={fmt}")
        for fmt, label in (
            ("xlsx", _("Download Excel (.xlsx)")),
            ("csv", _("Download CSV")),
        )
    ]


def _time_points(buckets, weekly):
    fmt = "d/m" if weekly else "m/Y"
    return [(formats.date_format(start, fmt), n) for start, n in buckets]


def _level_rows(filters, tree, units):
    if filters.school_class is not None:
        return "learners", []
    if filters.unit is None or filters.unit.numchild:
        return "units", queries.unit_rows(filters, tree, units())
    return "classes", queries.class_rows(filters, tree)


def _decorate(rows, level, filters, targets):
    for row in rows:
        if level == "units":
            row["label"] = row["unit"].name
            row["url"] = (
                None
                if row.get("itself")
                else _link("reports:unit", row["unit"].pk, filters)
            )
            path = row["unit"].path
        else:
            row["label"] = str(row["school_class"])
            row["url"] = _link("reports:class", row["school_class"].pk, filters)
            path = filters.unit.path
        row["target"] = target_for(targets, path)
        row["below"] = (
            row["target"] is not None
            and row["rate"] is not None
            and row["rate"] < row["target"]
        )
    return rows


def _learner_status(enrolment):
    if enrolment.completed_at:
        return _("completed")
    if enrolment.started_at:
        return _("in progress")
    return _("not started")


@report_viewer_required
def dashboard(request, unit_id=None, class_id=None):
    filters = ReportFilters.from_request(request, unit_id=unit_id, class_id=class_id)
    tree = UnitTree()
    # The summary tables when the filters allow (and they were built), else live.
    state = queries.summary_state(filters)
    summarised = state is not None
    source = figures_source(state)
    # One grouped scan feeds the figures, the unit table and the time chart.
    units, weekly, buckets = cached(
        filters,
        f"grouped:{source}",
        lambda: queries.grouped(filters, tree, summarised),
    )
    summary = cached(
        filters,
        f"summary:{source}",
        lambda: queries.summary(filters, tree, units, summarised),
    )
    level, rows = cached(
        filters, f"rows:{source}", lambda: _level_rows(filters, tree, lambda: units)
    )
    learners = queries.learner_rows(filters, tree) if level == "learners" else []
    for enrolment in learners:
        enrolment.status_label = _learner_status(enrolment)
    targets = candidates(filters)
    view_path = filters.unit.path if filters.unit else ""
    target = (
        target_for(targets, view_path)
        if filters.unit
        else target_for([t for t in targets if t.organisation_id is None], "")
    )
    rows = _decorate(rows, level, filters, targets)
    points = _time_points(buckets, weekly)
    funnel = [
        (_("Enrolled"), summary["enrolled"]),
        (_("Started"), summary["started"]),
        (_("Completed"), summary["completed"]),
    ]
    context = {
        "filters": filters,
        "summary": summary,
        "as_of": state.refreshed_at if state else None,
        # Older than its period: a rebuild is queued, and the page says so.
        "refreshing": state is not None and rollup.is_stale(state),
        "refresh_minutes": max(1, round(rollup.period() / 60)),
        "target": target,
        "level": level,
        "rows": rows,
        "below_target": [r for r in rows if r["below"]],
        "learners": learners,
        "breadcrumbs": _breadcrumbs(filters),
        "bars_svg": charts.rate_bars(
            [(r["label"], r["rate"]) for r in rows],
            _("Completion rate by unit"),
            target,
        )
        if rows
        else None,
        "time_points": points,
        "weekly": weekly,
        "time_svg": charts.columns(points, _("Completions over time"))
        if points
        else None,
        "funnel": funnel,
        "funnel_svg": charts.funnel(funnel, _("From enrolment to completion")),
        "courses": CoursePage.objects.live().order_by("title").only("pk", "title"),
        "audiences": Audience.objects.all(),
        "units": [
            (u.pk, "– " * (u.depth - 1) + u.name)
            for u in queries.organisation_options(filters).only("pk", "name", "depth")
        ],
        "school_years": SchoolClass.objects.order_by("-school_year")
        .values_list("school_year", flat=True)
        .distinct(),
        "export_links": _export_links(filters),
        "may_set_targets": may_set_targets(request.user),
        "reminder_effect": reminder_effect(filters.scope_paths, filters.course, tree),
    }
    return render(request, "reports/dashboard.html", context)
