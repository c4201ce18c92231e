"""Units (with official codes, validity and merge/split events) and courses, in
pages keyed by id. Each page is a fixed handful of queries, whatever its size."""

from collections import defaultdict

from django.db.models import Q

from courses.models import CoursePage, Programme
from people.models import Organisation, UnitEvent

from . import pages
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
    units, next_cursor, has_more = pages.by_id(
        "units",
        in_subtree(Organisation.objects.all(), client, "path"),
        raw_cursor,
        limit,
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
    courses, next_cursor, has_more = pages.by_id(
        "courses",
        CoursePage.objects.live().prefetch_related("audiences"),
        raw_cursor,
        limit,
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


def programmes_page(*, raw_cursor=None, limit=None):
    """Programmes (ordered tracks of courses) with their completion rule: the same
    for every client, like courses."""
    programmes, next_cursor, has_more = pages.by_id(
        "programmes",
        Programme.objects.select_related("audience").prefetch_related(
            "programme_courses"
        ),
        raw_cursor,
        limit,
    )
    items = [
        {
            "id": programme.pk,
            "title": programme.title,
            "description": programme.description,
            "audience": programme.audience.slug if programme.audience else None,
            "rule": programme.rule,
            "required_courses": programme.required_courses,
            "course_ids": [
                link.course_id
                for link in sorted(
                    programme.programme_courses.all(), key=lambda x: x.sort_order
                )
            ],
        }
        for programme in programmes
    ]
    return {"items": items, "next_cursor": next_cursor, "has_more": has_more}
