"""Rate limits for password-reset requests: per client address and per e-mail
typed (issue 14 finding 9), so the form cannot flood an inbox or be used to probe
addresses at speed.

The counter is Django's cache (Redis in production, shared by every process). When
the cache cannot keep a count (Redis down: FallbackRedisCache drops writes), this
process counts in its own memory instead, so the limit still holds, per process.
"""

import hashlib
import threading
import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 3600
_local_counts = {}
_local_lock = threading.Lock()


def _limits():
    return (
        ("address", settings.PASSWORD_RESET_LIMIT_PER_ADDRESS),
        ("email", settings.PASSWORD_RESET_LIMIT_PER_EMAIL),
    )


def _count_in_memory(key, window):
    now = time.time()
    with _local_lock:
        for stale in [k for k, (_, ends) in _local_counts.items() if ends <= now]:
            del _local_counts[stale]
        count, ends = _local_counts.get(key, (0, now + window))
        _local_counts[key] = (count + 1, ends)
        return count + 1


def count_hit(key, window=WINDOW):
    """Count one request under ``key`` in a fixed window; returns the count so far.

    The one place that stores counts. # lead: wire the fallback to the resilience
    helper's database counter at merge (it replaces ``_count_in_memory``).
    """
    key = f"{key}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window + 5)
    try:
        return cache.incr(key)
    except ValueError:  # missing: expired just now, or the cache keeps nothing
        cache.set(key, 1, timeout=window + 5)
        if cache.get(key) == 1:
            return 1
        return _count_in_memory(key, window)


def seconds_until_allowed(request, email):
    """None if this reset request may go ahead, else seconds until the window ends.

    Every request is counted, whether or not the e-mail belongs to anyone, so the
    answer tells nothing about accounts.
    """
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    over = False
    for scope, limit in _limits():
        value = address if scope == "address" else email_key
        if count_hit(f"password-reset:{scope}:{value}") > limit:
            over = True
    if not over:
        return None
    return int(WINDOW - time.time() % WINDOW) + 1
