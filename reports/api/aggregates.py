"""Aggregate counts: the open data rows (reports/open_data/data.py, one home for
their figures, suppression and cache), for the communes of the client's subtree."""

from bisect import bisect_right

from django.db.models import Q

from people.models import Organisation

from ..open_data import data as open_data
from . import cursor, pages

KEY = ("month", "commune_code", "course_id", "audience_code")


def _key(row):
    return tuple(row[name] for name in KEY)


def _parse(key):
    month, commune, course_id, audience = key
    return str(month), str(commune), int(course_id), str(audience)


def visible_communes(client):
    """Official codes of the communes in, or above, the client's unit; "" (units
    under no commune) for a client at the top of the tree."""
    path = client.organisation.path
    codes = set(
        Organisation.objects.filter(kind=Organisation.Kind.COMMUNE)
        .filter(Q(path__startswith=path) | Q(path__in=_ancestor_paths(path)))
        .values_list("code", flat=True)
    )
    if client.organisation.depth == 1:
        codes.add("")
    return codes


def _ancestor_paths(path):
    step = Organisation.steplen
    return [path[:end] for end in range(step, len(path), step)]


def aggregates_page(client, *, raw_cursor=None, limit=None):
    limit = pages.page_size(limit)
    data = open_data.published()
    communes = visible_communes(client)
    rows = [row for row in data["rows"] if row["commune_code"] in communes]
    after = cursor.decode("aggregates", raw_cursor, _parse)
    start = 0 if after is None else bisect_right(rows, after, key=_key)
    rows, next_cursor, has_more = pages.page(
        "aggregates",
        rows[start : start + limit + 1],
        limit,
        lambda row: list(_key(row)),
        raw_cursor,
    )
    return {
        "schema_version": open_data.SCHEMA_VERSION,
        "generated_at": data["generated_at"],
        "licence": open_data.LICENCE,
        "items": rows,
        "next_cursor": next_cursor,
        "has_more": has_more,
    }
