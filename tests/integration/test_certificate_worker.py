"""A real Celery worker renders the certificate a completed course asked for."""

import textwrap
import uuid
from pathlib import Path

import pytest
from django.utils import timezone

from certificates.models import Certificate
from config.celery_app import app as celery_app
from courses.models import Enrolment
from tests.certificates.conftest import complete
from tests.certificates.pdf_tools import pdf_text
from tests.services import (
    require_real_services,
    start_worker,
    stop_worker,
    wait_for,
    wait_for_mail,
)

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WORKER_SETTINGS = textwrap.dedent(
    """\
    import os

    from config.settings.test import *  # noqa: F403

    PRIVATE_MEDIA_ROOT = os.environ["WORKER_PRIVATE_MEDIA_ROOT"]
    MEDIA_ROOT = os.environ["WORKER_MEDIA_ROOT"]
    # Tasks the worker queues itself (the e-mail) stay on the test's queue.
    CELERY_TASK_DEFAULT_QUEUE = os.environ["WORKER_QUEUE"]
    STORAGES = {
        **STORAGES,  # noqa: F405
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
    """
)


@pytest.fixture
def worker(tmp_path):
    """A worker on its own queue, with folders the test can read."""
    require_real_services()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    (tmp_path / "worker_settings.py").write_text(WORKER_SETTINGS)
    folders = {name: tmp_path / name for name in ("private", "media", "mail")}
    for folder in folders.values():
        folder.mkdir()
    process = start_worker(
        tmp_path,
        queue,
        {
            "DJANGO_SETTINGS_MODULE": "worker_settings",
            "PYTHONPATH": str(tmp_path),
            "WORKER_PRIVATE_MEDIA_ROOT": str(folders["private"]),
            "WORKER_MEDIA_ROOT": str(folders["media"]),
            "WORKER_QUEUE": queue,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(folders["mail"]),
        },
    )
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield process, folders
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved
        stop_worker(process)


def test_worker_renders_and_mails_the_certificate(worker, learner, course):
    process, folders = worker
    enrolment = Enrolment.objects.create(user=learner, course=course)
    complete(enrolment)  # commits: the signal queues the task on the broker

    def issued():
        return Certificate.objects.filter(status="issued").first()

    certificate = wait_for(issued, timeout=90)
    assert certificate, Path(process.log_path).read_text()
    assert certificate.issued_at <= timezone.now()
    data = (folders["private"] / certificate.pdf.name).read_bytes()
    text, _pages = pdf_text(data)
    assert "Nguyễn Thị Ánh Tuyết" in text
    assert certificate.serial in text
    mails = wait_for_mail(folders["mail"])
    assert mails, Path(process.log_path).read_text()
    assert learner.email in mails[0].read_text()
