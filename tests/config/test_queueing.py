"""Queueing from a request while the broker is down (issue 14, finding 5): one short
try, then the breaker keeps later calls from trying; never the result store."""

import pytest

from config.celery_app import app
from core import circuit
from core.queueing import publish
from people.tasks import send_email
from tests.integration.faults_support import broker_down


@pytest.fixture
def attempts(monkeypatch):
    """Count the real attempts to send; the result store must never be touched."""
    seen = {"sends": 0, "result_store": 0}
    apply_async = send_email.apply_async

    def counting(*args, **kwargs):
        seen["sends"] += 1
        return apply_async(*args, **kwargs)

    def subscribed(*args, **kwargs):
        seen["result_store"] += 1  # 20 retries, 19 s, while Redis was down
        raise AssertionError("queueing subscribed to the result store")

    monkeypatch.setattr(send_email, "apply_async", counting)
    monkeypatch.setattr(app.backend, "on_task_call", subscribed)
    return seen


def test_a_down_broker_is_tried_once_then_skipped_until_the_breaker_closes(attempts):
    with broker_down():
        assert publish(send_email, "Chủ đề", "Nội dung", ["a@example.vn"]) is False
        assert publish(send_email, "Chủ đề", "Nội dung", ["a@example.vn"]) is False
        assert attempts == {"sends": 1, "result_store": 0}
        circuit.reset_all()  # RETRY_AFTER later: tried again
        assert publish(send_email, "Chủ đề", "Nội dung", ["a@example.vn"]) is False
        assert attempts["sends"] == 2


def test_a_cache_failure_opens_the_breaker_of_the_same_redis(settings, attempts):
    from django.core.cache import cache

    with broker_down():
        settings.CACHES = {
            "default": {
                "BACKEND": "config.cache.FallbackRedisCache",
                "LOCATION": app.conf.broker_url.replace("/0", "/1"),
            }
        }
        assert cache.get("anything") is None  # the cache finds Redis down
        assert cache.is_down()
        assert publish(send_email, "Chủ đề", "Nội dung", ["a@example.vn"]) is False
        assert attempts["sends"] == 0  # the broker on that Redis is not tried
