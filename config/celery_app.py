"""The Celery application.

Tasks live in each app's ``tasks.py`` and are found by autodiscovery. With no broker
configured (the embedded default) settings make Celery run tasks eagerly in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
