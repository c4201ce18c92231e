"""The embedded default's settings (config/settings/dev.py), read in a fresh process
as `make run` reads them: production-like by default, debug only when asked."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
READ = """
import json
from django.conf import settings
from config.celery_app import app
print(json.dumps({
    "debug": settings.DEBUG,
    "eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "base_url": settings.WAGTAILADMIN_BASE_URL,
    "cache": settings.CACHES["default"]["BACKEND"],
    "use_finders": settings.WHITENOISE_USE_FINDERS,
    "serve_media": settings.SERVE_MEDIA,
    "publishing": [e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()],
}))
"""
UNSET = (
    "DJANGO_DEBUG",
    "CELERY_BROKER_URL",
    "CELERY_TASK_ALWAYS_EAGER",
    "REDIS_URL",
    "WAGTAILADMIN_BASE_URL",
    "HOST",
    "PORT",
)


def dev_settings(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if k not in UNSET}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "PORTAL_EMBEDDED_DIR": str(tmp_path / "embedded"),
        **env,
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{READ}"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_make_run_settings_are_production_like(tmp_path):
    found = dev_settings(tmp_path)
    assert found["debug"] is False  # the site's own 404 and 500 pages
    assert found["eager"] is False  # a real worker runs the tasks
    assert found["broker"] == f"sqla+sqlite:///{tmp_path / 'embedded'}/broker.sqlite3"
    assert found["cache"].endswith("FileBasedCache")  # shared by web, worker, beat
    assert found["use_finders"] is True and found["serve_media"] is True
    assert "home.tasks.publish_scheduled_pages" in found["publishing"]
    assert found["base_url"] == "http://127.0.0.1:8000"


def test_debug_only_when_asked_and_links_follow_the_port(tmp_path):
    found = dev_settings(tmp_path, DJANGO_DEBUG="true", HOST="localhost", PORT="8101")
    assert found["debug"] is True
    assert found["base_url"] == "http://localhost:8101"


def test_a_real_broker_replaces_the_embedded_one(tmp_path):
    found = dev_settings(tmp_path, CELERY_BROKER_URL="redis://127.0.0.1:6379/9")
    assert found["broker"] == "redis://127.0.0.1:6379/9"
    assert found["eager"] is False


def test_scripts_may_still_run_tasks_in_process(tmp_path):
    found = dev_settings(tmp_path, CELERY_TASK_ALWAYS_EAGER="true")
    assert found["eager"] is True
    assert found["cache"].endswith("LocMemCache")  # one process: nothing to share
