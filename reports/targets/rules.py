"""Which completion target applies where: the most specific one wins.

A target matches a view when its course and audience are the view's (or empty, for
"any"), and its unit is the row's unit or above it (or empty, for the province).
A target measures the completion rate or the coverage; each is matched apart.
Targets are few, so all candidates come in one query and are matched in Python.
"""

from django.db.models import Q

from ..models import Target


def candidates(filters):
    """Targets that can apply to the filtered view (one query)."""
    course = Q(course__isnull=True)
    if filters.course:
        course |= Q(course=filters.course)
    audience = Q(audience__isnull=True)
    if filters.audience:
        audience |= Q(audience=filters.audience)
    return list(Target.objects.filter(course, audience).select_related("organisation"))


def target_for(targets, path, measure=Target.Measure.COMPLETION):
    """The rate (%) of the most specific target on ``measure`` for a unit path,
    or None."""
    best, best_rank = None, None
    for target in targets:
        if target.measure != measure:
            continue
        unit = target.organisation
        if unit is not None and not (path or "").startswith(unit.path):
            continue
        rank = (
            target.course_id is not None,
            target.audience_id is not None,
            len(unit.path) if unit else 0,
        )
        if best_rank is None or rank > best_rank:
            best, best_rank = target, rank
    return best.rate if best else None


def is_below(value, target):
    """True when a figure (%) is known and under its target."""
    return target is not None and value is not None and value < target
