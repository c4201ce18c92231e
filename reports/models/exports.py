"""Export jobs: a learner list with personal data (CSV or XLSX) of a statistics
view, written in the background.

Small exports stream straight to the browser; large ones are written by a Celery
task into private storage while the requester watches a progress page. The file is
served only to the person who asked for it, and deleted ``RETENTION_EXPORT_DAYS``
after it was asked for (people/retention.py).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .progress import JobProgress

__all__ = ["ExportJob", "export_lifetime"]


def export_lifetime():
    return timedelta(days=settings.RETENTION_EXPORT_DAYS)


def _private_storage():
    # Exports hold learners' names: never under MEDIA_URL, only through checked views.
    from django.core.files.storage import storages

    return storages["private"]


class ExportJob(JobProgress, models.Model):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Writing the file")
        DONE = "done", pgettext_lazy("export", "Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # ReportFilters.to_dict(): checked again against the user when the task runs.
    filters = models.JSONField(default=dict)
    language = models.CharField(max_length=10, default="vi")
    format = models.CharField(max_length=4, choices=Format)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(
        storage=_private_storage, upload_to="exports/%Y/%m/", blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # When its task was handed to the broker (empty while the broker could not take
    # it) and when a worker started it: reports/exports/sweeps.py reads both.
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_format_display()} #{self.pk} ({self.get_status_display()})"

    @property
    def expires_at(self):
        return self.created_at + export_lifetime()

    @property
    def filename(self):
        stamp = timezone.localtime(self.created_at).strftime("%Y%m%d-%H%M")
        return f"danh-sach-hoc-vien-{stamp}.{self.format}"
