"""Roster uploads: from preview to accounts and login slips."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .organisations import Organisation
from .users import User


def _private_storage():
    # Login slips carry passwords: never under MEDIA_URL, only through checked views.
    from django.core.files.storage import storages

    return storages["private"]


class RosterImport(models.Model):
    """One roster upload, from preview to accounts and login slips.

    The file is read twice: once for the preview and once, inside one transaction,
    to apply it, so what is applied is exactly what the file says at that moment.
    Temporary passwords exist in clear only inside the slips PDF.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        READING = "reading", _("Reading the file")
        PREVIEW = "preview", _("Ready to check")
        INVALID = "invalid", _("Problems found")
        APPLYING = "applying", _("Creating accounts")
        DONE = "done", pgettext_lazy("roster import", "Done")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="roster_imports",
    )
    school_year = models.CharField(_("school year"), max_length=9)
    default_class_name = models.CharField(_("class"), max_length=50, blank=True)
    created_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    filename = models.CharField(max_length=255)
    file = models.FileField(storage=_private_storage, upload_to="rosters/%Y/%m/")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error_rows = models.FileField(
        storage=_private_storage, upload_to="rosters/errors/%Y/%m/", blank=True
    )
    slips = models.FileField(
        storage=_private_storage, upload_to="slips/%Y/%m/", blank=True
    )
    message = models.TextField(blank=True)
    # When the current step's task was handed to the broker; empty while the broker
    # could not take it (people/sweeps.py hands it over when the broker is back).
    queued_at = models.DateTimeField(null=True, blank=True)
    # The legal basis the coordinator declared at the confirm step (kind, text,
    # date, guardian consent, by whom); written as a ProcessingBasis together with
    # the accounts (people/consent.py).
    basis = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self):
        return round(100 * self.processed / self.total) if self.total else 0

    @property
    def is_running(self):
        return self.status in {
            self.Status.QUEUED,
            self.Status.READING,
            self.Status.APPLYING,
        }

    @property
    def waiting_for_broker(self):
        return self.is_running and self.queued_at is None
