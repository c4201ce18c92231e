"""Reminders to learners who lag behind, the weekly cap, bulk jobs and digests.

Every reminder sent is a ``Reminder`` row (who, whom, why, when, by whom): the
effect statistics count completions within 14 days of one. ``ReminderCap`` holds
the last time each learner was reminded; a sender locks the learners' rows
(``select_for_update``, in id order) before claiming them, so two jobs running at
once never both remind the same learner within a week (reports/stragglers/sending.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Notice

from .progress import JobProgress

__all__ = ["DigestPreference", "Reminder", "ReminderCap", "ReminderJob"]


class ReminderJob(JobProgress, models.Model):
    """A bulk reminder (a whole straggler list, or the rows ticked on it) sent by
    a Celery task while the requester watches its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Sending")
        DONE = "done", pgettext_lazy("reminders", "Sent")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Notice.Kind)
    # StragglerFilters.to_dict(): checked again against the user when the task runs.
    filters = models.JSONField(default=dict)
    # The enrolments ticked on the list (None: the whole list).
    enrolment_ids = models.JSONField(null=True, blank=True)
    language = models.CharField(max_length=10, default="vi")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    emailed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("reminder job")
        verbose_name_plural = _("reminder jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} #{self.pk} ({self.get_status_display()})"


class Reminder(models.Model):
    """One reminder to one learner about one enrolment."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Notice.Kind)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    job = models.ForeignKey(
        ReminderJob,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reminders",
    )
    emailed = models.BooleanField(_("e-mailed"), default=False)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [
            models.Index(fields=["learner", "sent_at"]),
            models.Index(fields=["sent_at"]),
        ]

    def __str__(self):
        return f"{self.learner} – {self.get_reason_display()}"


class ReminderCap(models.Model):
    """When each learner was last reminded: the once-a-week rule's lock row."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    last_reminded_at = models.DateTimeField()

    def __str__(self):
        return f"{self.learner_id}: {self.last_reminded_at}"


class DigestPreference(models.Model):
    """Whether a coordinator or administrator gets the weekly straggler digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    weekly_digest = models.BooleanField(_("weekly digest by e-mail"), default=False)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user_id}: {self.weekly_digest}"
