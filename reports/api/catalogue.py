"""Units (with official codes, validity and merge/split events) and courses, in
pages keyed by id. Each page is a fixed handful of queries, whatever its size."""

from collections import defaultdict

from django.db.models import Q

from courses.models import CoursePage
from people.models import Organisation, UnitEvent

from . import cursor, pages
from .scope import in_subtree


def _events_of(unit_ids):
    """{unit id: [event, …]}: the merges and splits the units ended or began in."""
    events = (
        UnitEvent.objects.filter(
            Q(predecessors__in=unit_ids) | Q(successors__in=unit_ids)
        )
        .distinct()
        .prefetch_related("predecessors", "successors")
    )
    found = defaultdict(list)
    for event in events:
        old = [unit.pk for unit in event.predecessors.all()]
        new = [unit.pk for unit in event.successors.all()]
        entry = {
            "kind": event.kind,
            "date": event.date,
            "decision": event.decision,
            "predecessor_ids": old,
            "successor_ids": new,
        }
        for pk in {*old, *new} & set(unit_ids):
            found[pk].append(entry)
    return found


def units_page(client, *, raw_cursor=None, limit=None):
    limit = pages.page_size(limit)
    queryset = pages.after(
        in_subtree(Organisation.objects.all(), client, "path"),
        ("id",),
        cursor.decode("units", raw_cursor, cursor.by_id),
    )
    units, next_cursor, has_more = pages.page(
        "units",
        queryset.order_by("id")[: limit + 1],
        limit,
        lambda unit: [unit.pk],
        raw_cursor,
    )
    step = Organisation.steplen
    parents = dict(
        Organisation.objects.filter(
            path__in={unit.path[:-step] for unit in units if unit.depth > 1}
        ).values_list("path", "id")
    )
    events = _events_of([unit.pk for unit in units])
    items = [
        {
            "id": unit.pk,
            "code": unit.code,
            "official_code": unit.official_code or "",
            "name": unit.name,
            "kind": unit.kind,
            "parent_id": parents.get(unit.path[:-step]),
            "active_from": unit.active_from,
            "active_until": unit.active_until,
            "succeeded_by_id": unit.succeeded_by_id,
            "events": events.get(unit.pk, []),
        }
        for unit in units
    ]
    return {"items": items, "next_cursor": next_cursor, "has_more": has_more}


def courses_page(*, raw_cursor=None, limit=None):
    """Published courses (the same for every client: courses are province-wide)."""
    limit = pages.page_size(limit)
    queryset = pages.after(
        CoursePage.objects.live().prefetch_related("audiences"),
        ("id",),
        cursor.decode("courses", raw_cursor, cursor.by_id),
    )
    courses, next_cursor, has_more = pages.page(
        "courses",
        queryset.order_by("id")[: limit + 1],
        limit,
        lambda course: [course.pk],
        raw_cursor,
    )
    items = [
        {
            "id": course.pk,
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "duration_minutes": course.duration_minutes,
            "audiences": [audience.slug for audience in course.audiences.all()],
            "last_published_at": course.last_published_at,
        }
        for course in courses
    ]
    return {"items": items, "next_cursor": next_cursor, "has_more": has_more}
