"""Notices on a learner's My learning page: a reminder to go on with a course.

Courses owns the page, so the notice lives here; who writes one (a coordinator's
reminder, reports/stragglers) sits above. The learner reads and dismisses them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeQuerySet(models.QuerySet):
    def shown_to(self, user):
        """The learner's notices not dismissed yet, newest first."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user, dismissed_at__isnull=True).order_by(
            "-created_at", "-pk"
        )


class Notice(models.Model):
    """One message for one learner, about one of their courses."""

    class Kind(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        STALLED = "stalled", _("Stalled")
        QUIZ_FAILED = "quiz_failed", _("Quiz failed, not retried")
        CERTIFICATE_READY = "certificate_ready", _("Certificate not downloaded")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        indexes = [models.Index(fields=["user", "dismissed_at"])]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()}"
