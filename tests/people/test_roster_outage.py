"""Roster imports survive a broker outage and a killed worker (issue 14, 5 and 6).

While the broker is down an upload (or a confirmation) is kept and its page says it
waits; the beat sweep hands it over once the broker is back. A step whose worker
died is read again or, for the apply step, failed with a message on its page.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from people.models import RosterImport, User
from people.sweeps import sweep_roster_imports
from people.tasks import apply_roster_task, read_roster_task
from tests.integration.faults_support import broker_down
from tests.people.conftest import BASIS, roster_file

pytestmark = pytest.mark.django_db

WAITING = "Đang chờ xử lý"
ROSTER = "roster_10A1_utf8-bom.csv"


def post_upload(client, school):
    return client.post(
        reverse("coordinator:upload"),
        {
            "organisation": school.pk,
            "school_year": "2026-2027",
            "default_class_name": "",
            "file": SimpleUploadedFile(ROSTER, roster_file(ROSTER).read_bytes()),
        },
    )


def uploaded(client, coordinator, school, capture, *, run_tasks=True):
    """The coordinator's upload as a job; ``run_tasks=False`` loses its read task."""
    client.force_login(coordinator)
    with capture(execute=run_tasks):
        post_upload(client, school)
    return RosterImport.objects.get()


def test_upload_while_the_broker_is_down_is_kept_and_read_when_it_is_back(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    client.force_login(coordinator_a)
    with broker_down():
        with django_capture_on_commit_callbacks(execute=True):
            response = post_upload(client, school_a)
        assert response.status_code == 302  # not a 500
        job = RosterImport.objects.get()
        assert (job.status, job.queued_at) == (RosterImport.Status.QUEUED, None)
        assert job.file  # the upload is kept
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert WAITING in page.content.decode()
        # The sweep while the broker is still down: nothing lost, still waiting.
        RosterImport.objects.filter(pk=job.pk).update(
            updated_at=timezone.now() - timedelta(minutes=2)
        )
        assert sweep_roster_imports() == {"queued": 0, "failed": 0}
        assert RosterImport.objects.get().status == RosterImport.Status.QUEUED

    # The broker is back (tasks run eagerly here): the next sweep hands it over.
    assert sweep_roster_imports()["queued"] == 1
    job.refresh_from_db()
    assert job.status == RosterImport.Status.PREVIEW
    assert job.queued_at is not None
    assert WAITING not in client.get(response["Location"]).content.decode()


def test_confirming_while_the_broker_is_down_applies_once_it_is_back(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    job = uploaded(client, coordinator_a, school_a, django_capture_on_commit_callbacks)
    assert job.status == RosterImport.Status.PREVIEW
    confirm_url = reverse("coordinator:import_confirm", args=[job.pk])
    with broker_down():
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(confirm_url, BASIS)
        assert response.status_code == 302
        job.refresh_from_db()
        assert (job.status, job.queued_at) == (RosterImport.Status.APPLYING, None)
        assert WAITING in client.get(response["Location"]).content.decode()
    assert not User.objects.filter(must_change_password=True).exists()

    RosterImport.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - timedelta(minutes=2)
    )
    assert sweep_roster_imports()["queued"] == 1
    job.refresh_from_db()
    assert job.status == RosterImport.Status.DONE, job.message
    assert User.objects.filter(must_change_password=True).count() == 38


def dated(job, status, minutes_ago):
    """The job as a worker left it ``minutes_ago``: handed over, then silent."""
    then = timezone.now() - timedelta(minutes=minutes_ago)
    RosterImport.objects.filter(pk=job.pk).update(
        status=status, queued_at=then, updated_at=then
    )


def test_an_apply_whose_worker_died_is_failed_with_a_message(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    job = uploaded(client, coordinator_a, school_a, django_capture_on_commit_callbacks)
    limit = apply_roster_task.time_limit // 60  # minutes

    dated(job, RosterImport.Status.APPLYING, limit)  # still within its time
    assert sweep_roster_imports() == {"queued": 0, "failed": 0}
    assert RosterImport.objects.get().status == RosterImport.Status.APPLYING

    dated(job, RosterImport.Status.APPLYING, limit + 10)  # limit + margin passed
    assert sweep_roster_imports() == {"queued": 0, "failed": 1}
    job.refresh_from_db()
    assert job.status == RosterImport.Status.FAILED
    page = client.get(reverse("coordinator:import", args=[job.pk])).content.decode()
    assert "bị gián đoạn" in page
    assert b'http-equiv="refresh"' not in page.encode()
    # A late redelivery of the killed task changes nothing.
    apply_roster_task.apply(args=[job.pk])
    assert not User.objects.filter(must_change_password=True).exists()


def test_a_read_whose_worker_died_is_read_again(
    client, school_a, coordinator_a, django_capture_on_commit_callbacks
):
    job = uploaded(  # its task is never run: "lost"
        client,
        coordinator_a,
        school_a,
        django_capture_on_commit_callbacks,
        run_tasks=False,
    )
    dated(job, RosterImport.Status.READING, read_roster_task.time_limit // 60 + 10)
    assert sweep_roster_imports() == {"queued": 1, "failed": 0}
    assert RosterImport.objects.get().status == RosterImport.Status.PREVIEW
