"""Django set up inside a benchmark's own process, as the eager worker would run it:
development settings, tasks in-process, no broker or Redis cache, quiet logs.
The caller has pointed DATABASE_URL at its scratch database first."""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def setup_django(**environment):
    """``environment``: extra settings for this run (e.g. a rate limit lifted)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    for name in ("CELERY_BROKER_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
