"""Settings of the Celery workers started by tests/integration/test_faults.py.

The test settings, plus: a visibility timeout of seconds, so that a message left
unacknowledged by a killed worker is handed out again within the test; and the
slow-render hook, imported by the worker only.
"""

from config.settings.test import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
CELERY_INCLUDE = ["tests.integration.faults_slow_render"]

# The test's private files (uploaded rosters), which the worker must read.
if env("FAULTS_PRIVATE_MEDIA_ROOT", default=""):  # noqa: F405
    PRIVATE_MEDIA_ROOT = env("FAULTS_PRIVATE_MEDIA_ROOT")  # noqa: F405
    STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
