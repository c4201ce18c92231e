"""History kept beside the live rows: transfers between units and the audit log."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation, SchoolClass
from .users import User


class Transfer(models.Model):
    """A learner moved from one unit (and class) to another by the department.

    The old membership is replaced by the new one (every query of the portal reads
    current memberships); this row is the history. Results and certificates belong
    to the learner's enrolments and never move; see people/transfers.py for how the
    statistics follow.
    """

    user = models.ForeignKey(
        User, verbose_name=_("learner"), on_delete=models.CASCADE, related_name="+"
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    from_class = models.ForeignKey(
        SchoolClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    to_class = models.ForeignKey(
        SchoolClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moved_at = models.DateTimeField(_("moved at"))
    moved_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-moved_at", "-pk"]

    def __str__(self):
        return f"{self.user} – {self.from_organisation} → {self.to_organisation}"


class AuditEntry(models.Model):
    """Who changed whose role or placement, when, from what to what.

    Written by people/audit.py in the same transaction as the change, so an entry
    exists exactly when the change does. Names are copied into ``before``/``after``
    so the log still reads right after a unit is renamed or an account deleted.
    An entry is about up to two units (a move has a source and a destination); the
    administrators of either see it.
    """

    class Action(models.TextChoices):
        APPOINT = "appoint", _("Role given")
        REMOVE_ROLE = "remove_role", _("Role removed")
        MOVE = "move", _("Learner moved")
        RESET_PASSWORD = "reset_password", _("Password reset")
        LIFT_SIGN_IN_WAIT = "lift_sign_in_wait", _("Sign-in wait lifted")
        # reports/exports/personal.py: who took a list of learners' personal data
        PERSONAL_EXPORT = "personal_export", _("Learner list with personal data taken")
        # reports/populations/declaring.py: a unit's populations typed in or imported
        POPULATION = "population", _("Population declared")
        # Issue 17 (identity and personal data): one word each for what the access
        # log and the rights requests record.
        PERSONAL_VIEW = "personal_view", _("Personal data viewed")
        IDENTITY_LINK = "identity_link", _("Sign-in identity linked")
        DATA_REQUEST = "data_request", _("Personal data request handled")
        ERASURE = "erasure", _("Account erased")
        CONSENT = "consent", _("Consent recorded")

    actor = models.ForeignKey(
        User,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    target_user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    other_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"
