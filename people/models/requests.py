"""Requests under the 2025 Personal Data Protection Law: to see, correct or erase
what the portal holds about a person, and how each was handled.

Filed by the person (an adult learner) or, for a minor, by the coordinator of their
school on the guardian's written request. The unit is copied from the person's
placement when filed, so the request stays with the school and the administrators
above it (people/data_requests.py) even if the person moves or is erased.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .organisations import Organisation
from .users import User


class DataRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=DataRequest.Status.OPEN)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class DataRequest(models.Model):
    class Kind(models.TextChoices):
        ACCESS = "access", _("Copy of the data")
        CORRECTION = "correction", _("Correction")
        ERASURE = "erasure", _("Erasure")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        DONE = "done", pgettext_lazy("data request", "Done")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("request"), max_length=12, choices=Kind)
    subject = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="data_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_by = models.ForeignKey(
        User,
        verbose_name=_("filed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A minor's request comes from their guardian in writing, through the school.
    for_guardian = models.BooleanField(_("on the guardian's written request"))
    guardian_name = models.CharField(_("guardian"), max_length=150, blank=True)
    details = models.TextField(_("details"), blank=True)
    # Erasure: the holder also asks that their certificates stop being valid.
    revoke_certificates = models.BooleanField(
        _("also revoke my certificates"), default=False
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status, default=Status.OPEN
    )
    handled_by = models.ForeignKey(
        User,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.subject}"

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()
