"""``/healthz``: is this web process able to serve? For load balancers and monitors.

It checks the database (``SELECT 1``), the cache (a set and a get) and the Celery
broker (a connection with a short timeout; skipped when tasks run eagerly) and answers
200 with ``{"database": "ok", ...}``, or 503 naming what failed. Error details go to
the log, not to the anonymous caller.

``HealthCheckMiddleware`` answers before every other middleware: a probe carries no
session, no language cookie and often a bare IP address as its Host header (which
``ALLOWED_HOSTS`` would refuse), and it must not be redirected to HTTPS.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATHS = {"/healthz", "/healthz/"}
BROKER_TIMEOUT_S = 2


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    value = cache.get(key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("the cache did not return what was stored")


def check_broker():
    from config.celery_app import app

    url = settings.CELERY_BROKER_URL or None  # the setting the app was configured from
    with app.connection_for_write(url, connect_timeout=BROKER_TIMEOUT_S) as conn:
        # One attempt, no retry loop: a probe must answer within seconds.
        conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_S)


def run_checks():
    """``({name: "ok" | "error" | "skipped"}, healthy)``."""
    checks = {"database": check_database, "cache": check_cache}
    results = {}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        results["broker"] = "skipped"  # no broker: tasks run in the web process
    else:
        checks["broker"] = check_broker
    for name, check in checks.items():
        try:
            check()
        except Exception:
            logger.exception("health check failed: %s", name)
            results[name] = "error"
        else:
            results[name] = "ok"
    healthy = all(value != "error" for value in results.values())
    return results, healthy


def healthz(request):
    results, healthy = run_checks()
    response = JsonResponse(results, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers ``/healthz`` first, before host checks, HTTPS redirects and sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in PATHS and request.method in {"GET", "HEAD"}:
            return healthz(request)
        return self.get_response(request)
