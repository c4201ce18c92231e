"""The signed-in user of each request, from the cache rather than a query.

Every page a learner opens, and every answer a quiz autosaves, loads the user from
the session. On exam day that query is a quarter of an autosave's work, so the row is
kept in the cache for a few minutes. Whatever changes a user drops the entry: saving
or deleting one (people/signals.py) and the bulk updates of rosters and password
resets, which send no signals, through ``forget_users``. The session's password hash
check and ``is_active`` still apply to the cached copy (people.auth_backends).
"""

import copy

from django.core.cache import cache
from django.db import transaction

USER_CACHE_SECONDS = 300


def user_cache_key(user_id):
    return f"people:user:{user_id}"


def cached_user(user_id):
    return cache.get(user_cache_key(user_id))


def remember_user(user):
    # The personal ID number stays out of the cache (Redis in production holds it
    # unencrypted otherwise); the cached copy loads it from the row if ever read.
    user = copy.copy(user)
    user.__dict__.pop("citizen_id", None)
    cache.set(user_cache_key(user.pk), user, USER_CACHE_SECONDS)


def forget_users(user_ids):
    """Drop the entries now and again at commit, so that a request reading the old
    row before the change commits cannot keep it cached."""
    keys = [user_cache_key(pk) for pk in user_ids]
    cache.delete_many(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete_many(keys))
