"""What a learner's pages show under a completed course (course page, My learning).

Courses owns those pages but not what hangs on a completion, so the rooms above
fill this registry from their ``AppConfig.ready()``: certificates registers the
certificate's status (certificates/enrolment_badge.py). With nothing registered the
pages show no badge, and courses' templates never name a higher room's template.
A badge's ``kind`` says what it hangs on: an enrolment, or a programme completion
(My learning's programmes, courses/programmes.py).
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
    kind: str = "enrolment"  # or "programme": ids are programme completions'


_badges: dict[str, EnrolmentBadge] = {}
ATTRIBUTE = "_enrolment_badges"  # where each enrolment keeps its loaded values


def register(badge):
    """Add or replace (by key) a badge; registering twice is harmless."""
    _badges[badge.key] = badge


def registered(kind="enrolment"):
    found = [badge for badge in _badges.values() if badge.kind == kind]
    return sorted(found, key=lambda badge: badge.order)


def attach(enrolments: Iterable, kind="enrolment"):
    """Load every badge's values for these enrolments (or programme completions):
    one query per badge, not one per enrolment."""
    enrolments = [e for e in enrolments or () if getattr(e, "pk", None)]
    ids = [e.pk for e in enrolments]
    values = {badge.key: badge.load(ids) if ids else {} for badge in registered(kind)}
    for enrolment in enrolments:
        setattr(
            enrolment,
            ATTRIBUTE,
            {key: found.get(enrolment.pk) for key, found in values.items()},
        )


def badges_of(enrolment, kind="enrolment"):
    """[(badge, value)] in order, loading them for this one enrolment if need be."""
    if not hasattr(enrolment, ATTRIBUTE):
        attach([enrolment], kind)
    values = getattr(enrolment, ATTRIBUTE, {})
    return [(badge, values.get(badge.key)) for badge in registered(kind)]
