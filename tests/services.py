"""Real services for integration tests: PostgreSQL, Redis and a Celery worker process.

The default run has none of them and these tests skip with the reason. CI sets
DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis), and they run for real.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import stop

ROOT = Path(__file__).resolve().parent.parent


def _missing(reason):
    """Skip, or fail where the run promised the services (REQUIRE_SERVICES=1 in CI)."""
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(f"REQUIRE_SERVICES is set but {reason}")
    pytest.skip(reason)


def require_postgresql():
    """Skip unless the suite runs on PostgreSQL (real concurrent transactions)."""
    if connection.vendor != "postgresql":
        _missing("needs PostgreSQL: set DATABASE_URL (CI does)")


def require_real_services():
    """Skip unless the suite runs on PostgreSQL with a reachable broker."""
    if connection.vendor != "postgresql":
        _missing("needs PostgreSQL: set DATABASE_URL (CI does)")
    if not settings.CELERY_BROKER_URL:
        _missing("needs a broker: set CELERY_BROKER_URL to Redis (CI does)")
    from config.celery_app import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=3)
    except Exception as exc:  # any broker error means: not available here
        _missing(f"broker {settings.CELERY_BROKER_URL} unreachable: {exc}")


def test_database_url():
    """The URL of the test database pytest-django created, for a child process."""
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def start_worker(tmp_path, queue, extra_env=None):
    """Start `celery worker` on its own queue, against the test database.

    Returns the Popen; the caller stops it with stop_worker().
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": test_database_url(),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        **(extra_env or {}),
    }
    log = (tmp_path / f"worker-{queue}.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--hostname",
            f"{queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log_path = log.name
    return process


def stop_worker(process):
    stop(process, grace=15)


def wait_for(predicate, timeout=30, interval=0.2):
    """Poll until predicate() is truthy; return its value or None at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return None


def wait_for_mail(folder, timeout=60):
    """The mail files a worker's file e-mail backend wrote in ``folder``, once they are
    whole: the backend creates a file before it writes, and ends each message with a
    line of 79 dashes. None at the deadline."""

    def whole():
        files = sorted(folder.iterdir())
        texts = [path.read_text() for path in files]
        if files and all(text.rstrip().endswith("-" * 79) for text in texts):
            return files
        return None

    return wait_for(whole, timeout=timeout)
