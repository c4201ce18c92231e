"""Fixed-window rate limits, in the cache, or in the database while the cache is down.

Any room may use :func:`hit` (certificate look-ups, password reset...). The cache
(Redis in production, shared by every web process) counts with an atomic ``incr``;
when Redis is unreachable the cache answers every read with a miss, which would let
every attempt through, so the count moves to ``RateLimitCounter`` rows until the
cache is back (config/cache.py ``is_down``). Counts made in Redis before an outage
are not carried over: at most one window's worth of extra attempts.
"""

import hashlib
import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F

from .models import RateLimitCounter


def cache_is_down():
    is_down = getattr(cache, "is_down", None)
    return bool(is_down and is_down())


def hit(scope, identity, limit, window):
    """Count one attempt of ``identity`` (an address, a username...) in ``scope``;
    returns ``(allowed, seconds until the window resets)``."""
    now = time.time()
    window_start = int(now // window) * window
    key = f"ratelimit:{scope}:{identity}:{window_start}"
    count = None if cache_is_down() else _cache_hit(key, window)
    if count is None:
        count = _database_hit(key, now, window_start + window)
    retry_after = int(window_start + window - now) + 1
    return count <= limit, retry_after


def _cache_hit(key, window):
    """The new count, or None when the cache turned out to be down."""
    cache.add(key, 0, timeout=window + 5)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is down
        if cache_is_down():
            return None
        cache.set(key, 1, timeout=window + 5)
        if cache.get(key) != 1:  # a cache that keeps nothing: count in the database
            return None
        return 1


def _database_hit(key, now, window_end):
    digest = hashlib.sha256(key.encode()).hexdigest()
    expires_at = datetime.fromtimestamp(window_end + 5, UTC)
    RateLimitCounter.objects.filter(
        expires_at__lt=datetime.fromtimestamp(now, UTC)
    ).delete()
    counters = RateLimitCounter.objects.filter(key=digest)
    if not counters.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateLimitCounter.objects.create(
                    key=digest, count=1, expires_at=expires_at
                )
        except IntegrityError:  # a concurrent request created it first
            counters.update(count=F("count") + 1)
    return counters.values_list("count", flat=True).first() or 1
