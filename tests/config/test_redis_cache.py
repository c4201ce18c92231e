"""The site's Redis cache: values round-trip, one client per pool, misses when down."""

import socket
import time

import pytest
from django.conf import settings

from config.cache import FallbackRedisCache
from tests.services import _missing


def redis_url():
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        _missing("needs Redis: set CELERY_BROKER_URL to a redis:// URL (CI does)")
    return url


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_values_round_trip_through_one_shared_client():
    cache = FallbackRedisCache(redis_url(), {"KEY_PREFIX": "test-redis-cache"})
    cache.set("greeting", {"vi": "Xin chào"}, 30)
    assert cache.get("greeting") == {"vi": "Xin chào"}
    assert cache.get_many(["greeting", "nothing"]) == {"greeting": {"vi": "Xin chào"}}
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.delete("greeting")
    assert cache.get("greeting", "gone") == "gone"


def test_an_unreachable_redis_is_a_quick_miss():
    cache = FallbackRedisCache(
        f"redis://127.0.0.1:{closed_port()}/0", {"OPTIONS": {"RETRY_AFTER": 60}}
    )
    started = time.monotonic()
    assert cache.get("anything", "default") == "default"
    cache.set("anything", 1)  # dropped, no error
    assert cache.get("anything") is None
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("method", ["get", "set", "delete"])
def test_every_call_reuses_the_client(method, monkeypatch):
    cache = FallbackRedisCache(redis_url(), {"KEY_PREFIX": "test-redis-cache"})
    built = []
    original = cache._cache._client

    def counting(**kwargs):
        built.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(cache._cache, "_client", counting)
    for _ in range(5):
        if method == "set":
            cache.set("key", 1, 30)
        else:
            getattr(cache, method)("key")
    assert len(built) == 1
