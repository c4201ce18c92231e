"""Large exports survive a broker outage and a killed worker (issue 14, 5 and 6)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.exports import files as exports
from reports.exports.sweeps import sweep_export_jobs
from reports.exports.tasks import build_export_task
from reports.models import ExportJob
from tests.integration.faults_support import broker_down

pytestmark = pytest.mark.django_db

URL = reverse("reports_exports:start")
WAITING = "Đang chờ xử lý"


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(exports, "CSV_STREAM_LIMIT", 3)


def test_export_asked_while_the_broker_is_down_is_written_when_it_is_back(
    stats, client, small_limits, django_capture_on_commit_callbacks
):
    client.force_login(stats.coord_all)
    with broker_down():
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{URL}?format=csv")
        assert response.status_code == 302  # not a 500
        job = ExportJob.objects.get()
        assert (job.status, job.queued_at) == ("queued", None)
        page = client.get(response["Location"]).content.decode()
        assert WAITING in page and "data-live-progress" in page

    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    assert sweep_export_jobs() == {"queued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == "done" and job.queued_at is not None


def test_an_export_whose_worker_died_is_failed_with_a_message(stats, client):
    limit = timedelta(seconds=build_export_task.time_limit)
    job = ExportJob.objects.create(
        requested_by=stats.coord_all,
        filters={},
        format="csv",
        status=ExportJob.Status.RUNNING,
        queued_at=timezone.now() - limit,
        started_at=timezone.now() - limit,  # within its time limit + margin
    )
    assert sweep_export_jobs() == {"queued": 0, "failed": 0}
    ExportJob.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - limit - timedelta(minutes=10)
    )
    assert sweep_export_jobs() == {"queued": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == "failed"
    client.force_login(stats.coord_all)
    page = client.get(reverse("reports_exports:job", args=[job.pk])).content.decode()
    assert "bị gián đoạn" in page and 'http-equiv="refresh"' not in page


def test_an_export_whose_message_was_lost_is_queued_again(stats):
    from reports.filters import ReportFilters

    limit = timedelta(seconds=build_export_task.time_limit)
    job = ExportJob.objects.create(
        requested_by=stats.coord_all,
        filters=ReportFilters.for_user(stats.coord_all, {}).to_dict(),
        format="csv",
        queued_at=timezone.now() - limit - timedelta(minutes=10),
    )
    assert sweep_export_jobs() == {"queued": 1, "failed": 0}
    job.refresh_from_db()
    assert job.status == "done"
