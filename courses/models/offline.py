"""Work a learner did without a connection, as it reached the server.

One row per item the browser queued (site/static/js/offline-queue.js), keyed by the
id the browser gave it: the unique constraint is what makes a replayed or doubled
sync change nothing (courses/offline_sync.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SyncedItem(models.Model):
    """A "lesson done" or practice-quiz submission made offline, saved or refused."""

    class Kind(models.TextChoices):
        LESSON_DONE = "lesson_done", _("Lesson done")
        PRACTICE_ANSWERS = "practice_answers", _("Practice quiz answers")

    class Status(models.TextChoices):
        SAVED = "saved", _("Saved")
        REFUSED = "refused", _("Refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    client_id = models.UUIDField(_("id given by the browser"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.SAVED
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    done_at = models.DateTimeField(_("done at (device clock)"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    # The request that claimed the row: rows of the batch that carry another
    # request's token were there already (a replay), whatever the order.
    batch = models.UUIDField(editable=False)

    class Meta:
        verbose_name = _("offline item")
        verbose_name_plural = _("offline items")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "client_id"], name="courses_synceditem_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} – {self.kind} – {self.client_id}"
