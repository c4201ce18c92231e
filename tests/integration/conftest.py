"""What the integration tests share: the certificate tests' school, and the real
Celery worker: one process per test, on a queue of its own, against the test
database of this pytest process (each xdist worker has its own), so that tests
running side by side never take each other's tasks."""

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from config.celery_app import app as celery_app
from tests.certificates import conftest as certificate_fixtures
from tests.services import require_real_services, start_worker, stop_worker

# A school, a class, a learner in it and a course, as the certificate tests have them.
portal = certificate_fixtures.portal
province = certificate_fixtures.province
school = certificate_fixtures.school
school_class = certificate_fixtures.school_class
learner = certificate_fixtures.learner
course = certificate_fixtures.course
coordinator = certificate_fixtures.coordinator


@dataclass
class Worker:
    process: object  # the Popen of `celery worker`
    queue: str
    private: Path  # the private files of the test process, which the worker writes
    mail: Path  # where the worker's file e-mail backend writes

    def log(self):
        return Path(self.process.log_path).read_text()


@pytest.fixture
def celery_worker(tmp_path):
    """Start a worker; while the test runs, this process queues its tasks (not
    eagerly) on the worker's queue."""
    require_real_services()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail = tmp_path / "mail"
    mail.mkdir()
    private = Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    process = start_worker(
        tmp_path,
        queue,
        {
            "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
            "WORKER_PRIVATE_MEDIA_ROOT": str(private),
            "WORKER_MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "WORKER_QUEUE": queue,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(mail),
        },
    )
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield Worker(process, queue, private, mail)
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved
        stop_worker(process)
