"""A cheap fingerprint of the tables that matter, to see whether a request wrote.

Every concrete model of the project's apps and of the Wagtail/Django apps that hold
content or people, hashed row by row (the fuzz world is small). Left out: what a
request writes by design even when it is refused — sessions, sign-in throttling
records, Wagtail's per-user admin preferences and editing-session pings, the
statistics summary (a cache rebuilt on reading) — and ``last_login``.
"""

import hashlib

from django.apps import apps
from django.db import connections, models

APPS = {
    "people",
    "courses",
    "certificates",
    "reports",
    "home",
    "search",
    "auth",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "wagtailsearchpromotions",
    "wagtailforms",
    "taggit",
    "wagtailembeds",
}
VOLATILE_MODELS = {
    "wagtailcore.modellogentry",  # written for every admin action, even failed ones?
    "wagtailsearch.indexentry",
    "wagtailcore.pagesubscription",  # the editor follows comments on opening a page
}
VOLATILE_FIELDS = {"last_login"}


def is_summary(model):
    """Tables the statistics rebuild on reading (reports/dashboard/rollup.py)."""
    return model._meta.app_label == "reports" and "completion" in model._meta.model_name


def tracked_models():
    chosen = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label not in APPS or meta.proxy or not meta.managed:
            continue
        if meta.label_lower in VOLATILE_MODELS or is_summary(model):
            continue
        chosen.append(model)
    return chosen


def _columns(meta, quote):
    return [
        quote(f.column)
        for f in meta.local_concrete_fields
        if f.name not in VOLATILE_FIELDS and not isinstance(f, models.BinaryField)
    ]


def fingerprint(using="default"):
    """{table: (rows, digest of its raw rows)} (raw: a StreamField's Python value
    has no stable repr). On PostgreSQL one query hashes every table."""
    connection = connections[using]
    quote = connection.ops.quote_name
    metas = [model._meta for model in tracked_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = [
                f"SELECT %s, count(*), md5(coalesce(string_agg(ROW("  # noqa: S608
                f"{', '.join(_columns(meta, quote))})::text, ',' ORDER BY "
                f"{quote(meta.pk.column)}), '')) FROM {quote(meta.db_table)}"
                for meta in metas
            ]
            cursor.execute(" UNION ALL ".join(parts), [meta.db_table for meta in metas])
            return {table: (count, digest) for table, count, digest in cursor}
        result = {}
        for meta in metas:
            cursor.execute(
                f"SELECT {', '.join(_columns(meta, quote))} "  # noqa: S608
                f"FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}"
            )
            digest = hashlib.blake2b(digest_size=12)
            rows = cursor.fetchall()
            for row in rows:
                digest.update(repr(row).encode())
            result[meta.db_table] = (len(rows), digest.hexdigest())
    return result


def changed_tables(before, after):
    return sorted(
        t for t in before.keys() | after.keys() if before.get(t) != after.get(t)
    )
