"""Settings of the Celery worker the ``celery_worker`` fixture starts (conftest.py).

The test settings, plus the folders the test process reads: its private files (so
a certificate or an export the worker writes can be served by the test's views) and
a media folder of the test's own. Tasks the worker queues itself (the certificate's
e-mail) stay on the test's queue.
"""

from config.settings.test import *  # noqa: F403

PRIVATE_MEDIA_ROOT = env("WORKER_PRIVATE_MEDIA_ROOT")  # noqa: F405
MEDIA_ROOT = env("WORKER_MEDIA_ROOT")  # noqa: F405
CELERY_TASK_DEFAULT_QUEUE = env("WORKER_QUEUE")  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
