"""A real Celery worker writes a large export, which the requester then downloads."""

import csv
import io
import textwrap
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from config.celery_app import app as celery_app
from reports import exports
from reports.models import ExportJob
from tests.services import require_real_services, start_worker, stop_worker, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

# The worker writes into the test process's private folder, so the test can serve it.
WORKER_SETTINGS = textwrap.dedent(
    """\
    import os

    from config.settings.test import *  # noqa: F403

    PRIVATE_MEDIA_ROOT = os.environ["WORKER_PRIVATE_MEDIA_ROOT"]
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
    require_real_services()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    (tmp_path / "worker_settings.py").write_text(WORKER_SETTINGS)
    process = start_worker(
        tmp_path,
        queue,
        {
            "DJANGO_SETTINGS_MODULE": "worker_settings",
            "PYTHONPATH": str(tmp_path),
            "WORKER_PRIVATE_MEDIA_ROOT": str(
                settings.STORAGES["private"]["OPTIONS"]["location"]
            ),
        },
    )
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield process
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved
        stop_worker(process)


def test_worker_writes_the_export_and_the_owner_downloads_it(
    worker, stats, client, monkeypatch
):
    monkeypatch.setattr(exports, "CSV_STREAM_LIMIT", 3)
    client.force_login(stats.viewer)
    response = client.post(reverse("reports_exports:start") + "?format=csv")
    assert response.status_code == 302
    job = ExportJob.objects.get()

    def finished():
        job.refresh_from_db()
        return job.status in ("done", "failed")

    assert wait_for(finished, timeout=90), Path(worker.log_path).read_text()
    assert job.status == "done", job.error
    assert (job.processed, job.total) == (10, 10)
    file = client.get(reverse("reports_exports:download", args=[job.pk]))
    body = b"".join(file.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 11 and "Vũ Thị Hoa" in body
