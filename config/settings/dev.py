"""The embedded default (`make run`): SQLite, a Celery worker and beat on an embedded
broker, console email, local media, a cache shared by those processes.

It behaves like production: background work runs in a real worker (progress pages,
scheduled publishing, statistics refresh), errors show the site's own pages. Django's
debug page only with DJANGO_DEBUG=true.
"""

from pathlib import Path

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    CELERY_BROKER_URL,
    DATABASES,
    REDIS_URL,
    env,
)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Not a secret: this key only signs sessions on a developer's own machine.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="dev-only-not-secret-9f2c1e7a4b8d6e0f3a5c7b9d1e2f4a6c"
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"]
)
# Serve un-hashed files straight from the source folders while developing, through
# WhiteNoise (DEBUG is off, so neither runserver nor Django would serve them).
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
WHITENOISE_MAX_AGE = 0
# Public uploads (lesson images, documents) are served by Django here (config/media.py),
# whether DEBUG is on or off.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=True)

# Absolute links (QR codes on certificates, login slips, admin e-mails) point at the
# address `make run` serves: it passes HOST and PORT on.
WAGTAILADMIN_BASE_URL = env(
    "WAGTAILADMIN_BASE_URL",
    default="http://{}:{}".format(
        env("HOST", default="127.0.0.1"), env("PORT", default="8000")
    ),
)

# The embedded default's moving parts (broker messages, beat's schedule, the shared
# cache) live in one gitignored folder.
EMBEDDED_DIR = Path(env("PORTAL_EMBEDDED_DIR", default=str(BASE_DIR / ".celery")))
EMBEDDED_DIR.mkdir(parents=True, exist_ok=True)

# Web server, worker and beat are separate processes writing one SQLite file: WAL lets
# readers go on while one writes, IMMEDIATE takes the write lock at the start of a
# transaction (no deadlock when two upgrade a read lock), and a writer waits for the
# lock up to 30 s instead of failing with "database is locked". (Not for in-process
# scripts: CELERY_TASK_ALWAYS_EAGER below.)
_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not _EAGER:
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# Celery. Without CELERY_BROKER_URL the broker is kombu's SQLAlchemy transport on a
# SQLite file of its own: nothing to install or start, and unlike the filesystem
# transport each message is taken in a transaction (BEGIN IMMEDIATE), so a message is
# never read half-written and never handed out twice. Its own file keeps the worker's
# polling off the site's database. Nothing reads task results: no result backend.
# Scripts (the benchmarks) may still run tasks in-process: CELERY_TASK_ALWAYS_EAGER=true
# (no broker, no shared cache then).
CELERY_TASK_ALWAYS_EAGER = _EAGER
if not CELERY_BROKER_URL and not CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = f"sqla+sqlite:///{EMBEDDED_DIR / 'broker.sqlite3'}"
    CELERY_RESULT_BACKEND = None
    # This transport hands its options to SQLAlchemy's create_engine (so no
    # visibility_timeout: unacknowledged tasks go back at the worker's shutdown).
    CELERY_BROKER_TRANSPORT_OPTIONS = {"connect_args": {"timeout": 30}}
    # Remote control and events need broadcast, which this transport lacks.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_BEAT_SCHEDULE_FILENAME = str(EMBEDDED_DIR / "celerybeat-schedule")

# One cache for the web server, the worker and beat (as Redis is in production): a
# page published by the worker must drop the web server's cached routes and outlines.
if not REDIS_URL and not CELERY_TASK_ALWAYS_EAGER:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(EMBEDDED_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
