"""A Redis cache that degrades to "no cache" while Redis is unreachable.

Everything the portal keeps in the cache can be recomputed (role flags, course
outlines, rate-limit counters) or lives in the database as well (sessions are
``cached_db``). So when Redis stops, a read is a miss and a write is dropped, with
one warning in the log, instead of a 500 on every page. After a failure the cache
is skipped for ``RETRY_AFTER`` seconds (a circuit breaker shared with the broker when
both use the same Redis: core/circuit.py), so requests do not each wait for a
connection timeout; then Redis is tried again. ``is_down()`` tells callers that must
not trust a miss (rate limits) to count elsewhere.
"""

import functools

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from core.circuit import breaker_for

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _degrading(fallback):
    """Run the cache call; while Redis is unavailable, return ``fallback(args)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.breaker.is_open():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as exc:
                self.breaker.failed(exc)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _missing_counter(*args, **kwargs):
    # What incr/decr raise for a missing key; callers already handle it.
    raise ValueError("cache unavailable")


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One ``redis.Redis`` per connection pool instead of a new one per cache call.

    Django builds a client object for every get and set; building one fills its table
    of reply callbacks, about a twentieth of the CPU of an exam-day request. A client
    over a pool is safe to share between threads (it takes a connection per command).
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FallbackRedisCache(RedisCache):
    """django's RedisCache, short timeouts, and misses instead of errors."""

    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        retry_after = options.pop("RETRY_AFTER", 5)
        # Fail fast: a page should not hang on a cache that is not there. Redis
        # answers in well under a millisecond; half a second means it is gone.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        first = server if isinstance(server, str) else server[0]
        self.breaker = breaker_for(first.split(",")[0], retry_after)

    def is_down(self):
        """True while Redis is known to be unreachable (the breaker is open)."""
        return self.breaker.is_open()

    get = _degrading(lambda key, default=None, version=None: default)(RedisCache.get)
    add = _degrading(lambda *a, **k: False)(RedisCache.add)
    set = _degrading(lambda *a, **k: None)(RedisCache.set)
    touch = _degrading(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrading(lambda *a, **k: False)(RedisCache.delete)
    get_many = _degrading(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _degrading(lambda *a, **k: False)(RedisCache.has_key)
    incr = _degrading(_missing_counter)(RedisCache.incr)
    decr = _degrading(_missing_counter)(RedisCache.decr)
    set_many = _degrading(lambda data, *a, **k: list(data))(RedisCache.set_many)
    delete_many = _degrading(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _degrading(lambda *a, **k: False)(RedisCache.clear)
