"""What a learner's pages show under a completed course (course page, My learning).

Courses owns those pages but not what hangs on a completion, so the rooms above
fill this registry from their ``AppConfig.ready()``: certificates registers the
certificate's status (certificates/enrolment_badge.py). With nothing registered the
pages show no badge, and courses' templates never name a higher room's template.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EnrolmentBadge:
    key: str
    template_name: str
    # What the template reads, by name, for each enrolment...
    context_name: str
    # ...loaded for a whole list at once: enrolment ids -> {enrolment id: value}.
    load: Callable[[list[int]], dict]
    order: int = 100


_badges: dict[str, EnrolmentBadge] = {}
ATTRIBUTE = "_enrolment_badges"  # where each enrolment keeps its loaded values


def register(badge):
    """Add or replace (by key) a badge; registering twice is harmless."""
    _badges[badge.key] = badge


def registered():
    return sorted(_badges.values(), key=lambda badge: badge.order)


def attach(enrolments: Iterable):
    """Load every badge's values for these enrolments: one query per badge, not one
    per enrolment."""
    enrolments = [e for e in enrolments or () if getattr(e, "pk", None)]
    ids = [e.pk for e in enrolments]
    values = {badge.key: badge.load(ids) if ids else {} for badge in registered()}
    for enrolment in enrolments:
        setattr(
            enrolment,
            ATTRIBUTE,
            {key: found.get(enrolment.pk) for key, found in values.items()},
        )


def badges_of(enrolment):
    """[(badge, value)] in order, loading them for this one enrolment if need be."""
    if not hasattr(enrolment, ATTRIBUTE):
        attach([enrolment])
    values = getattr(enrolment, ATTRIBUTE, {})
    return [(badge, values.get(badge.key)) for badge in registered()]
