"""Circuit breakers for the services a request may not wait on (Redis cache, broker).

After a failure the breaker stays open for ``retry_after`` seconds: callers skip the
service at once instead of each paying a connection timeout; then one call tries
again. Breakers are per process and per server (host and port), so a cache and a
broker on the same Redis open together.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

DEFAULT_RETRY_AFTER = 5  # seconds


class CircuitBreaker:
    def __init__(self, name, retry_after=DEFAULT_RETRY_AFTER):
        self.name = name
        self.retry_after = retry_after
        self._open_until = 0.0

    def is_open(self):
        return time.monotonic() < self._open_until

    def failed(self, error):
        already_open = self.is_open()
        self._open_until = time.monotonic() + self.retry_after
        if not already_open:  # one line per outage window, not one per request
            logger.warning(
                "%s unavailable, not tried again for %ss: %s",
                self.name,
                self.retry_after,
                error,
            )

    def reset(self):
        self._open_until = 0.0


_breakers = {}
_lock = threading.Lock()


def server_of(url):
    """The server a URL names: ``redis://h:6379/1`` → ``redis h:6379`` (any
    database, TLS or not); any other URL stands for itself."""
    parts = urlsplit(url or "")
    if not parts.scheme.startswith("redis"):
        return url or "unknown"
    return f"redis {parts.hostname or 'localhost'}:{parts.port or 6379}"


def breaker_for(url, retry_after=None):
    """The process's breaker for the server of ``url`` (created on first use);
    ``retry_after`` (seconds), when given, applies to it from now on."""
    name = server_of(url)
    with _lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = CircuitBreaker(name)
        if retry_after is not None:
            breaker.retry_after = retry_after
        return breaker


def reset_all():
    """Close every breaker (tests, and a process that knows the service is back)."""
    for breaker in list(_breakers.values()):
        breaker.reset()
