"""/healthz: database, cache and broker, for load balancers; 503 naming what failed."""

import socket

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError, connection

from tests.services import require_real_services

pytestmark = pytest.mark.django_db


def closed_port():
    """A loopback port with nothing listening (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_healthy_answers_200_json_uncached_and_without_cookies(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):  # SELECT 1, no session or user look-up
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "skipped"}
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_answers_a_probe_by_bare_ip_over_plain_http(client, settings):
    # A load balancer's Host header is often its target's IP; the site's hosts and
    # its HTTPS redirect must not turn the probe into a 400 or a 301.
    settings.ALLOWED_HOSTS = ["taphuan.example.gov.vn"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    # Any other page still gets both protections.
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_url_name_resolves_to_the_same_check(client):
    from django.urls import reverse

    assert reverse("healthz") == "/healthz"


def test_unreachable_cache_is_503_naming_the_cache(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error", "broker": "skipped"}


def test_unreachable_broker_is_503_naming_the_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "error"}


def test_database_failure_is_503_naming_the_database(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert "refused" not in response.text  # details go to the log, not the caller


def test_real_broker_is_ok(client, settings):
    require_real_services()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert django_settings.CELERY_BROKER_URL
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"
