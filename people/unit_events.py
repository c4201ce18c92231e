"""Recording merges and splits (admin, import) and following a unit to its successors.

``record_event`` checks an event and applies it: the old units end the day before
its date, the successors start on it (unless they started earlier), and a merged
unit's ``succeeded_by`` names its successor so that its statistics follow. Bad events
raise ``EventRefused`` with a clear message and change nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Organisation, UnitEvent


class EventRefused(ValueError):
    pass


def event_problems(kind, date, predecessors, successors, event=None):
    """Why the event may not be recorded ([] when it may)."""
    old, new = set(predecessors), set(successors)
    problems = []
    if not old or not new:
        problems.append(_("An event needs old units and successor units."))
    if kind == UnitEvent.Kind.MERGE and len(new) != 1:
        problems.append(_("A merge has exactly one successor unit."))
    if kind == UnitEvent.Kind.SPLIT and (len(old) != 1 or len(new) < 2):
        problems.append(_("A split divides one old unit among two or more successors."))
    if old & new:
        problems.append(_("A unit cannot be its own successor."))
    ended = UnitEvent.objects.filter(predecessors__in=old)
    if event is not None and event.pk:
        ended = ended.exclude(pk=event.pk)
    for unit in sorted(old, key=lambda u: u.name):
        if ended.filter(predecessors=unit).exists():
            problems.append(
                _("%(unit)s already ended in another merge or split.") % {"unit": unit}
            )
    for unit in sorted(new, key=lambda u: u.name):
        if unit.succeeded_by_id or (unit.active_until and unit.active_until < date):
            problems.append(
                _("%(unit)s no longer exists on %(date)s.")
                % {"unit": unit, "date": date_format(date, "d/m/Y")}
            )
    return problems


def record_event(kind, date, predecessors, successors, decision="", event=None):
    """Check and apply a merge or split; returns the saved ``UnitEvent``."""
    predecessors, successors = list(predecessors), list(successors)
    problems = event_problems(kind, date, predecessors, successors, event)
    if problems:
        raise EventRefused("\n".join(problems))
    with transaction.atomic():
        event = event or UnitEvent()
        event.kind, event.date, event.decision = kind, date, decision
        event.save()
        event.predecessors.set(predecessors)
        event.successors.set(successors)
        apply_event(event, predecessors, successors)
    return event


def apply_event(event, predecessors, successors):
    """The validity dates and ``succeeded_by`` an event implies."""
    last_day = event.date - timedelta(days=1)
    successor = successors[0] if event.kind == UnitEvent.Kind.MERGE else None
    Organisation.objects.filter(pk__in=[u.pk for u in predecessors]).update(
        active_until=last_day, succeeded_by=successor
    )
    Organisation.objects.filter(
        pk__in=[u.pk for u in successors], active_from__isnull=True
    ).update(active_from=event.date)


def same_event_exists(kind, date, predecessors, successors):
    """Whether exactly this event was recorded already (imports are idempotent)."""
    old = {u.pk for u in predecessors}
    for event in UnitEvent.objects.filter(kind=kind, date=date, predecessors__in=old):
        if {u.pk for u in event.predecessors.all()} == old and {
            u.pk for u in event.successors.all()
        } == {u.pk for u in successors}:
            return True
    return False


def successors_of(unit):
    """Every unit that took over ``unit``, directly or after later merges and
    splits; [] for a unit that never ended. A few queries, asked for retired units
    only (drill-down scope checks)."""
    found, seen, todo = [], {unit.pk}, [unit]
    while todo:
        current = todo.pop()
        nxt = list(
            Organisation.objects.filter(started_by__predecessors=current).distinct()
        )
        if current.succeeded_by_id and all(
            u.pk != current.succeeded_by_id for u in nxt
        ):
            nxt.append(Organisation.objects.get(pk=current.succeeded_by_id))
        for successor in nxt:
            if successor.pk not in seen:
                seen.add(successor.pk)
                todo.append(successor)
                found.append(successor)
    return found
