"""The population of each unit of a statistics view, and its coverage.

Which figures a view counts:

- school year: the view's, else the current one (populations of different years
  are never added up: the same people are counted each year);
- audiences: the chosen audience; with a course chosen and no audience, the
  course's audiences (every audience for a course meant for everyone); with
  neither, every audience, added up.

Roll-up without double counting, per audience: a unit's population is its own
declared figure if it has one, else the sum of the figures of the highest
declared units beneath it (whose own figure already covers what is under them).
Audiences are then added up. A unit with no figure for any audience, itself or
beneath, has no population (None), and the screen says "not declared".

Units retired into a successor are left out: their people count under the
successor, which declares its own figure. All of it is two queries per view, then
a walk over the sorted paths in Python, whatever the number of units.
"""

from bisect import bisect_left

from django.db.models import Count, Exists, OuterRef, Q

from people.coordinator_forms import current_school_year
from people.models import Membership

from ..models import Population


def school_year(filters):
    return filters.school_year or current_school_year()


def audience_ids(filters):
    """Ids of the audiences the view counts, or None for every audience."""
    if filters.audience:
        return [filters.audience.pk]
    if filters.course:
        ids = list(filters.course.audiences.values_list("pk", flat=True))
        return ids or None
    return None


def _inside(paths, field):
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


class Populations:
    """{audience: {unit path: figure}} of a view, answering ``of(path)``."""

    def __init__(self, declared):
        self._sorted = {
            audience: sorted(figures.items()) for audience, figures in declared.items()
        }

    def of(self, path):
        """The rolled-up population of the unit at ``path`` (None: not declared)."""
        found = [_rolled(items, path) for items in self._sorted.values()]
        found = [n for n in found if n is not None]
        return sum(found) if found else None

    def of_units(self, paths):
        """Several units side by side (a user's top units): their sum, or None."""
        found = [n for n in (self.of(p) for p in paths) if n is not None]
        return sum(found) if found else None


def _rolled(items, path):
    """Own figure, else the sum of the highest declared paths beneath ``path``.
    Sorted paths put a unit's descendants right after it, so one pass suffices."""
    start = bisect_left(items, (path,))
    if start < len(items) and items[start][0] == path:
        return items[start][1]
    total, top = None, None
    for key, figure in items[start:]:
        if not key.startswith(path):
            break
        if top is not None and key.startswith(top):
            continue  # beneath a declared unit, already in its figure
        top = key
        total = (total or 0) + figure
    return total


def for_view(filters, tree):
    """The ``Populations`` of a filtered view (two queries, one when no school in
    scope counts its rosters)."""
    year = school_year(filters)
    rows = Population.objects.filter(
        _inside(filters.scope_paths, "organisation__path"), school_year=year
    ).exclude(organisation_id__in=list(tree.moved))
    audiences = audience_ids(filters)
    if audiences is not None:
        rows = rows.filter(audience_id__in=audiences)
    declared, counted = {}, []
    for unit, path, audience, headcount, from_rosters in rows.values_list(
        "organisation_id",
        "organisation__path",
        "audience_id",
        "headcount",
        "counted_from_rosters",
    ):
        declared.setdefault(audience, {})[path] = headcount or 0
        if from_rosters:
            counted.append((audience, path, unit))
    if counted:
        learners = roster_counts(filters.scope_paths, year)
        for audience, path, unit in counted:
            declared[audience][path] = learners.get(unit, 0)
    return Populations(declared)


def roster_counts(paths, year):
    """{school id: learners in its classes of ``year``} for the schools under
    ``paths`` whose rosters are declared complete for that year (one query)."""
    complete = Population.objects.filter(
        organisation_id=OuterRef("school_class__organisation_id"),
        school_year=year,
        counted_from_rosters=True,
    )
    return dict(
        Membership.objects.learners()
        .filter(
            _inside(paths, "school_class__organisation__path"),
            Exists(complete),
            school_class__school_year=year,
        )
        .values("school_class__organisation_id")
        .annotate(n=Count("user_id", distinct=True))
        .order_by()
        .values_list("school_class__organisation_id", "n")
    )


def class_sizes(class_ids):
    """{class id: learners on its list}: a class's population (one query)."""
    return dict(
        Membership.objects.learners()
        .filter(school_class_id__in=list(class_ids))
        .values("school_class_id")
        .annotate(n=Count("user_id", distinct=True))
        .order_by()
        .values_list("school_class_id", "n")
    )


def add_coverage(row, population):
    """Add the contract's keys to a figures row: population, not_enrolled,
    coverage (completed ÷ population, %); None throughout when not declared."""
    row["population"] = population
    if population is None:
        row["not_enrolled"] = row["coverage"] = None
        return row
    row["not_enrolled"] = max(population - (row.get("enrolled") or 0), 0)
    row["coverage"] = (
        round(100 * (row.get("completed") or 0) / population, 1) if population else None
    )
    return row
