"""A cheap fingerprint of the tables that matter, to see whether a request wrote.

Every concrete model of the project's apps and of the Wagtail/Django apps that hold
content or people, hashed row by row (the fuzz world is small). Left out: what a
request writes by design even when it is refused — sessions, sign-in throttling
records, Wagtail's per-user admin preferences and editing-session pings, the
statistics summary (a cache rebuilt on reading) — and ``last_login``.
"""

import hashlib

from django.apps import apps
from django.db import models

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
}
VOLATILE_FIELDS = {"last_login"}


def is_summary(model):
    """Tables the statistics rebuild on reading (reports/rollup.py)."""
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


def fingerprint(using="default"):
    """{table: digest of its rows}."""
    result = {}
    for model in tracked_models():
        names = [
            f.attname
            for f in model._meta.concrete_fields
            if f.name not in VOLATILE_FIELDS and not isinstance(f, models.BinaryField)
        ]
        digest = hashlib.blake2b(digest_size=12)
        rows = model._base_manager.using(using).order_by("pk").values_list(*names)
        count = 0
        for row in rows.iterator(chunk_size=2000):
            digest.update(repr(row).encode())
            count += 1
        result[model._meta.db_table] = (count, digest.hexdigest())
    return result


def changed_tables(before, after):
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
