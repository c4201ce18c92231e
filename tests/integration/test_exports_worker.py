"""A real Celery worker writes a large export, which the requester then downloads."""

import csv
import io

import pytest
from django.urls import reverse

from reports.exports import files as exports
from reports.models import ExportJob
from tests.reports import conftest as report_fixtures
from tests.services import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

stats = report_fixtures.stats  # the hand-computed province of the report tests


def test_worker_writes_the_export_and_the_owner_downloads_it(
    celery_worker, stats, client, monkeypatch
):
    monkeypatch.setattr(exports, "CSV_STREAM_LIMIT", 3)
    client.force_login(stats.coord_all)
    response = client.post(reverse("reports_exports:start") + "?format=csv")
    assert response.status_code == 302
    job = ExportJob.objects.get()

    def finished():
        job.refresh_from_db()
        return job.status in ("done", "failed")

    assert wait_for(finished, timeout=90), celery_worker.log()
    assert job.status == "done", job.error
    assert (job.processed, job.total) == (10, 10)
    file = client.get(reverse("reports_exports:download", args=[job.pk]))
    body = b"".join(file.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 11 and "Vũ Thị Hoa" in body
