"""Recording merges and splits (admin, import) and following a unit to its successors.

``record_event`` checks an event and applies it: the old units end the day before
its date, the successors start on it (unless they started earlier), and a merged
unit's ``succeeded_by`` names its successor so that its statistics follow. Bad events
raise ``EventRefused`` with a clear message and change nothing.
"""

import csv
import io
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Organisation, UnitEvent
from .text import clean_text


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


# --- the events file of import_organisations ------------------------------------

EVENT_KINDS = {
    "merge": UnitEvent.Kind.MERGE,
    "sap nhap": UnitEvent.Kind.MERGE,
    "sáp nhập": UnitEvent.Kind.MERGE,
    "split": UnitEvent.Kind.SPLIT,
    "chia tach": UnitEvent.Kind.SPLIT,
    "chia tách": UnitEvent.Kind.SPLIT,
}
EVENT_COLUMNS = ("kind", "date", "from", "to")


def read_events(text):
    """Rows of an events CSV: kind (merge/split, "sáp nhập"/"chia tách"), date
    (dd/mm/yyyy), from and to (unit codes — portal or official — separated by ";"),
    optional decision. Raises ``EventRefused`` listing every bad line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in EVENT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise EventRefused(f"tệp sự kiện thiếu cột: {', '.join(missing)}")
    by_code = {}
    for unit in Organisation.objects.all():
        by_code[unit.code] = unit
        if unit.official_code:
            by_code.setdefault(unit.official_code, unit)
    rows, problems = [], []
    for line, raw in enumerate(reader, start=2):
        row = {k: clean_text(v) for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        where = f"tệp sự kiện, dòng {line}"
        kind = EVENT_KINDS.get(row["kind"].lower())
        if kind is None:
            problems.append(
                f"{where}: loại “{row['kind']}” không hợp lệ (merge, split)"
            )
        try:
            day = datetime.strptime(row["date"], "%d/%m/%Y").date()
        except ValueError:
            problems.append(f"{where}: ngày “{row['date']}” không đúng dạng dd/mm/yyyy")
            day = None
        units = {}
        for column in ("from", "to"):
            codes = [c.strip() for c in row[column].split(";") if c.strip()]
            unknown = [c for c in codes if c not in by_code]
            if unknown:
                problems.append(f"{where}: không tìm thấy đơn vị {', '.join(unknown)}")
            units[column] = [by_code[c] for c in codes if c in by_code]
        rows.append(
            {
                "line": line,
                "kind": kind,
                "date": day,
                "from": units["from"],
                "to": units["to"],
                "decision": row.get("decision", ""),
            }
        )
    if problems:
        raise EventRefused("\n".join(problems))
    return rows


def import_events(rows):
    """Record the events not recorded yet (in the caller's transaction); returns how
    many were new. Every refused event is reported, with its line."""
    problems, added = [], 0
    for row in rows:
        if same_event_exists(row["kind"], row["date"], row["from"], row["to"]):
            continue
        try:
            record_event(
                row["kind"], row["date"], row["from"], row["to"], row["decision"]
            )
            added += 1
        except EventRefused as error:
            problems.append(f"tệp sự kiện, dòng {row['line']}: {error}")
    if problems:
        raise EventRefused("\n".join(problems))
    return added
