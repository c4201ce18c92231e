"""What a statistics page says about merges and splits: a note on the row of a unit
that ended ("merged into …", "split into …") and, on a unit's own page, where it went
and where it came from — each unit a link to its own page (scope-checked there, in
reports/access.py). The counting itself is reports/tree.py's."""

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from people.models import UnitEvent

from ..access import within


def _events(condition):
    return list(
        UnitEvent.objects.filter(condition)
        .distinct()
        .prefetch_related("predecessors", "successors")
    )


def _names(units):
    return ", ".join(sorted(u.name for u in units))


def ended_note(event):
    """ "merged into S on 01/07/2025" / "split into A, B on 01/07/2025"."""
    values = {
        "units": _names(event.successors.all()),
        "date": date_format(event.date, "d/m/Y"),
    }
    if event.kind == UnitEvent.Kind.SPLIT:
        return _("split into %(units)s on %(date)s") % values
    return _("merged into %(units)s on %(date)s") % values


def row_notes(rows):
    """Sets ``row["note"]`` on the rows of units that ended (three queries, only
    when some row's unit ended)."""
    ended = [r for r in rows if r["unit"].succeeded_by_id or r["unit"].active_until]
    if not ended:
        return
    by_unit = {}
    for event in _events(Q(predecessors__in=[r["unit"].pk for r in ended])):
        for unit in event.predecessors.all():
            by_unit[unit.pk] = ended_note(event)
    for row in ended:
        row["note"] = by_unit.get(row["unit"].pk)


def unit_lineage(unit, link, roots):
    """{"ended": (note, [(name, url)]) or None, "formed": [(note, [(name, url)])]}
    for the page of ``unit``; ``link(pk)`` makes a unit's statistics URL. A
    successor outside ``roots`` is named without a link; a predecessor of a visible
    unit is always visible (access.unit_visible)."""
    ended, formed = None, []
    if not (unit.active_from or unit.active_until or unit.succeeded_by_id):
        # recording an event dates its units: undated ones have none (no query)
        return {"ended": ended, "formed": formed}
    for event in _events(Q(predecessors=unit) | Q(successors=unit)):
        values = {"date": date_format(event.date, "d/m/Y")}
        if any(u.pk == unit.pk for u in event.predecessors.all()):
            note = (
                _("This unit was split on %(date)s into") % values
                if event.kind == UnitEvent.Kind.SPLIT
                else _("This unit merged on %(date)s into") % values
            )
            links = [
                (u.name, link(u.pk) if within(u.path, roots) else None)
                for u in event.successors.all()
            ]
            ended = (note, sorted(links, key=lambda x: x[0]))
            continue
        note = (
            _("Formed on %(date)s by the split of") % values
            if event.kind == UnitEvent.Kind.SPLIT
            else _("Formed on %(date)s by the merger of") % values
        )
        links = [(u.name, link(u.pk)) for u in event.predecessors.all()]
        formed.append((note, sorted(links, key=lambda x: x[0])))
    return {"ended": ended, "formed": formed}
