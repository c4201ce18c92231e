"""Files with personal data are deleted on their schedule by the beat task, with
real files on disk (people/retention.py)."""

import logging
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from certificates.models import ClassArchive
from people.models import RosterImport
from people.tasks import sweep_retention
from reports.models import ExportJob
from tests.factories import SchoolClassFactory, UserFactory

pytestmark = pytest.mark.django_db


def aged(model, row, days):
    model.objects.filter(pk=row.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def roster(school, days, status=RosterImport.Status.DONE):
    job = RosterImport(
        organisation=school, school_year="2026-2027", filename="lop.csv", status=status
    )
    job.file.save("lop.csv", ContentFile(b"Ho va ten\nAn"), save=False)
    job.error_rows.save("dong-loi.csv", ContentFile(b"x"), save=False)
    job.slips.save("phieu.pdf", ContentFile(b"%PDF-1.4"), save=False)
    job.save()
    aged(RosterImport, job, days)
    return job


def paths(*fields):
    return [Path(field.path) for field in fields]


def test_the_sweep_deletes_files_past_their_time_and_keeps_the_fresh_ones(
    settings, caplog
):
    settings.RETENTION_ROSTER_FILE_DAYS = 30
    settings.RETENTION_SLIP_DAYS = 7
    settings.RETENTION_EXPORT_DAYS = 1
    settings.RETENTION_ARCHIVE_DAYS = 7
    school_class = SchoolClassFactory()
    school, user = school_class.organisation, UserFactory()
    old_roster = roster(school, 31)
    old_preview = roster(school, 31, status=RosterImport.Status.PREVIEW)
    week_old = roster(school, 8)  # its slips go, its class list stays
    fresh = roster(school, 0)
    old_export, fresh_export = (
        ExportJob.objects.create(requested_by=user, filters={}, format="csv")
        for _ in range(2)
    )
    old_zip, fresh_zip = (
        ClassArchive.objects.create(
            school_class=school_class, requested_by=user, status="done"
        )
        for _ in range(2)
    )
    for row in (old_export, fresh_export, old_zip, fresh_zip):
        row.file.save("tep", ContentFile(b"PK"))
    aged(ExportJob, old_export, 2)
    aged(ClassArchive, old_zip, 8)

    gone = paths(
        old_roster.file,
        old_roster.error_rows,
        old_roster.slips,
        old_preview.file,
        week_old.slips,
        old_export.file,
        old_zip.file,
    )
    kept = paths(
        week_old.file,
        week_old.error_rows,
        fresh.file,
        fresh.slips,
        fresh_export.file,
        fresh_zip.file,
    )
    with caplog.at_level(logging.INFO, logger="people.retention"):
        counts = sweep_retention.apply().get()

    assert counts == {
        "roster_files": 4,
        "login_slips": 3,
        "exports": 1,
        "certificate_zips": 1,
    }
    assert not any(path.exists() for path in gone)
    assert all(path.exists() for path in kept)
    logged = caplog.text
    assert old_roster.slips.name in logged and old_zip.file.name in logged
    # The import rows stay (the legal basis points to them), without their files;
    # a preview nobody confirmed says why it can no longer be applied.
    old_roster.refresh_from_db()
    assert (old_roster.file.name, old_roster.slips.name) == ("", "")
    old_preview.refresh_from_db()
    assert old_preview.status == RosterImport.Status.FAILED
    assert "30 ngày" in old_preview.message
    assert not ExportJob.objects.filter(pk=old_export.pk).exists()
    assert not ClassArchive.objects.filter(pk=old_zip.pk).exists()
    assert ExportJob.objects.filter(pk=fresh_export.pk).exists()

    # A second run (beat again, or after a crash) finds nothing more to delete.
    assert set(sweep_retention.apply().get().values()) == {0}
    assert all(path.exists() for path in kept)
