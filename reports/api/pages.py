"""Keyset pages: at most ``limit`` rows after the cursor, and the next cursor."""

from django.conf import settings
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan

from . import cursor


def page_size(limit):
    return max(1, min(limit or settings.API_PAGE_SIZE, settings.API_PAGE_SIZE))


def after(queryset, fields, key):
    """Rows whose (fields) come after ``key`` — a row-value comparison, so that the
    database seeks in the index instead of scanning ties."""
    if key is None:
        return queryset
    return queryset.filter(
        TupleGreaterThan(
            Tuple(*(F(name) for name in fields)),
            tuple(key),
        )
    )


def page(endpoint, rows, limit, key_of, current=None):
    """(rows, next cursor, has more) from ``limit + 1`` fetched rows.

    The next cursor is given even on the last page (the one asked with when no row
    came): a client keeps it to ask later for what changed since."""
    rows = list(rows)
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = cursor.encode(endpoint, key_of(rows[-1])) if rows else current
    return rows, next_cursor, has_more


def by_id(endpoint, queryset, raw_cursor, limit):
    """(objects, next cursor, has more): a page of ``queryset`` in id order."""
    limit = page_size(limit)
    key = cursor.decode(endpoint, raw_cursor, cursor.by_id)
    rows = after(queryset, ("id",), key).order_by("id")[: limit + 1]
    return page(endpoint, rows, limit, lambda row: [row.pk], raw_cursor)
