"""xAPI statements waiting for (or already given to) the Learning Record Store."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class XapiStatement(models.Model):
    """One statement, written in the transaction of the event it describes (an
    outbox): the LRS being down loses nothing, and the statement's own id makes a
    resend harmless (an LRS keeps one statement per id)."""

    statement_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(sent_at__isnull=True),
                name="courses_xapi_pending",
            )
        ]

    def __str__(self):
        return str(self.statement_id)
