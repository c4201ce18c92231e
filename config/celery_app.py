"""The Celery application.

Tasks live in each app's ``tasks.py`` and are found by autodiscovery. The embedded
default (config/settings/dev.py) uses a broker on a SQLite file, with a worker and beat
started by `make run`; tests (and production settings without a broker) run tasks
eagerly in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Eager mode still builds a producer to serialise each task; without a broker URL
# kombu would warn on every task that no host was given. Nothing is sent.
if not app.conf.broker_url:
    app.conf.broker_url = "memory://localhost/"
