"""A small fixed-window rate limit per client address, kept in Django's cache.

The cache is Redis when REDIS_URL is set (shared by every web process) and process
memory otherwise; ``incr`` is atomic in both.
"""

import time

from django.core.cache import cache


def client_address(request):
    """The connecting address. Behind a proxy, the proxy must set REMOTE_ADDR
    (e.g. gunicorn's --forwarded-allow-ips with a trusted proxy)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(request, scope, limit, window):
    """Count one attempt; returns (allowed, seconds until the window resets)."""
    now = time.time()
    window_start = int(now // window) * window
    key = f"ratelimit:{scope}:{client_address(request)}:{window_start}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    retry_after = int(window_start + window - now) + 1
    return count <= limit, retry_after
