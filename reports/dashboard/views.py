"""The statistics dashboard: figures, drill-down tables, charts and targets.

One view serves every level: the user's area (or a unit) → its child units; a unit
without children → its classes; a class → its learners. Each level is a fixed
number of queries whatever the size of the data.
"""

import functools
from types import SimpleNamespace

from django.core.cache import cache
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from courses.models import Audience, CoursePage
from people.models import Organisation, SchoolClass

from .. import statuses
from ..access import (
    may_declare_populations,
    may_export_personal_data,
    may_set_targets,
    report_viewer_required,
    within,
)
from ..filters import ReportFilters
from ..models import Target
from ..populations import headcounts
from ..stragglers.effect import reminder_effect
from ..targets.rules import candidates, is_below, target_for
from ..tree import UnitTree
from . import charts, lineage, queries, rollup

COVERAGE = Target.Measure.COVERAGE
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


def _export_links(filters, name, labels):
    """Links to an export of this view (reports/exports/urls.py), one per format."""
    try:
        url = reverse(name)
    except NoReverseMatch:
        return []
    query = filters.as_query()
    return [
        (label, f"{url}?{query}&format={fmt}" if query else f"{url}?format={fmt}")
        for fmt, label in labels
    ]


def _time_points(buckets, weekly):
    fmt = "d/m" if weekly else "m/Y"
    return [(formats.date_format(start, fmt), n) for start, n in buckets]


def _level_rows(filters, tree, units, populations):
    if filters.school_class is not None:
        return "learners", []
    if filters.unit is None or filters.unit.numchild:
        return "units", queries.unit_rows(filters, tree, units(), populations())
    return "classes", queries.class_rows(filters, tree)


def _decorate(rows, level, filters, targets):
    if level == "units":
        lineage.row_notes(rows)
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
        row["below"] = is_below(row["rate"], row["target"])
        row["coverage_target"] = target_for(targets, path, COVERAGE)
        # .get: rows cached (60 s) by a release before coverage have no such key.
        row["coverage_below"] = is_below(row.get("coverage"), row["coverage_target"])
    return rows


def coverage_bars(rows):
    """The rows worst coverage first; rows without a population at the end (in
    their table order), the row of the unit's own enrolments left out."""
    rows = [r for r in rows if not r.get("itself")]
    known = sorted(
        (r for r in rows if r.get("coverage") is not None), key=lambda r: r["coverage"]
    )
    return known + [r for r in rows if r.get("coverage") is None]


def view_table(filters, tree=None, class_row=False):
    """What a statistics view shows — its figures, its table (``level``, ``rows``)
    and targets — for the page and for the export of its table alike, so both always
    agree. ``as_of``: when the summary tables behind it were refreshed (None: live).
    ``class_row``: on a class's page, the class's own row instead of its learners."""
    tree = tree or UnitTree()
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
    # Run at the first call only: the populations feed the summary and the rows,
    # either of which may come from the cache.
    populations = functools.cache(lambda: headcounts.for_view(filters, tree))
    summary = cached(
        filters,
        f"summary:{source}",
        lambda: queries.summary(filters, tree, units, summarised, populations()),
    )
    level, rows = cached(
        filters,
        f"rows:{source}",
        lambda: _level_rows(filters, tree, lambda: units, populations),
    )
    if class_row and level == "learners":
        level, rows = "classes", queries.class_rows(filters, tree)
    targets = candidates(filters)
    view_path = filters.unit.path if filters.unit else ""
    # Without a unit the view spans several top units: only province-wide
    # targets (no unit) apply to it as a whole.
    whole = targets if filters.unit else [t for t in targets if not t.organisation_id]
    target = target_for(whole, view_path)
    coverage_target = target_for(whole, view_path, COVERAGE)
    return SimpleNamespace(
        state=state,
        as_of=state.refreshed_at if state else None,
        weekly=weekly,
        buckets=buckets,
        summary=summary,
        level=level,
        rows=_decorate(rows, level, filters, targets),
        target=target,
        coverage_target=coverage_target,
    )


@report_viewer_required
def dashboard(request, unit_id=None, class_id=None):
    filters = ReportFilters.from_request(request, unit_id=unit_id, class_id=class_id)
    tree = UnitTree()
    table = view_table(filters, tree)
    state, summary, level, rows = table.state, table.summary, table.level, table.rows
    weekly, buckets, target = table.weekly, table.buckets, table.target
    coverage_target = table.coverage_target
    learners = queries.learner_rows(filters, tree) if level == "learners" else []
    for enrolment in learners:
        enrolment.status_label = statuses.label(statuses.enrolment_state(enrolment))
    points = _time_points(buckets, weekly)
    funnel = [
        (_("Enrolled"), summary["enrolled"]),
        (_("Started"), summary["started"]),
        (_("Completed"), summary["completed"]),
    ]
    context = {
        "filters": filters,
        "summary": summary,
        "as_of": table.as_of,
        # Older than its period: a rebuild is queued, and the page says so.
        "refreshing": state is not None and rollup.is_stale(state),
        "refresh_minutes": max(1, round(rollup.period() / 60)),
        "target": target,
        "coverage_target": coverage_target,
        "coverage_below": is_below(summary.get("coverage"), coverage_target),
        "level": level,
        "rows": rows,
        "below_target": [r for r in rows if r["below"]],
        "coverage_bars": coverage_bars(rows),
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
        "lineage": lineage.unit_lineage(
            filters.unit, lambda pk: _link("reports:unit", pk, filters), filters.roots
        )
        if filters.unit is not None and filters.school_class is None
        else None,
        # The table on screen, for everyone who sees it...
        "export_links": _export_links(
            filters,
            "reports_exports:table",
            (
                ("xlsx", _("Download Excel (.xlsx)")),
                ("csv", _("Download CSV")),
            ),
        ),
        # ...and the learners behind it, for those who may take personal data.
        "personal_export_links": _export_links(
            filters,
            "reports_exports:start",
            (
                ("xlsx", _("Learner list with personal data (Excel)")),
                ("csv", _("Learner list with personal data (CSV)")),
            ),
        )
        if may_export_personal_data(request.user)
        else [],
        "may_set_targets": may_set_targets(request.user),
        # "not declared" becomes a link for those who may declare (populations page)
        "declare_url": "{}?nam-hoc={}".format(
            reverse("populations_site:list"), headcounts.school_year(filters)
        )
        if may_declare_populations(request.user)
        else None,
        "reminder_effect": reminder_effect(filters.scope_paths, filters.course, tree),
    }
    return render(request, "reports/dashboard.html", context)
