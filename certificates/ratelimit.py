"""The certificate look-up's rate limit per client address (people/ratelimit.py
counts, in the cache or, while Redis is down, in the database)."""

from people import ratelimit


def client_address(request):
    """The connecting address. Behind a proxy, the proxy must set REMOTE_ADDR
    (e.g. gunicorn's --forwarded-allow-ips with a trusted proxy)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(request, scope, limit, window):
    """Count one attempt; returns (allowed, seconds until the window resets)."""
    return ratelimit.hit(scope, client_address(request), limit, window)
