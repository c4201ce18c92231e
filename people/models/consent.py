"""Why the portal may hold a person's data: the legal basis declared for an
audience, which people it covers, and who has read the processing notice.

Written by people/consent.py (a roster import records its school's basis in the
same transaction as the accounts) and people/privacy_notice.py (the notice at first
sign-in). docs/privacy.md describes both.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation
from .rosters import RosterImport
from .users import User


class ProcessingBasis(models.Model):
    """The legal basis on which a unit's learners' data is processed, as its
    coordinator declared it (Law 91/2025/QH15 on personal data protection)."""

    class Kind(models.TextChoices):
        CONSENT = "consent", _("Consent of the person (for a minor, of the guardian)")
        LEGAL_OBLIGATION = "legal_obligation", _("A legal obligation")
        PUBLIC_TASK = "public_task", _("A task of a state body set by law")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="processing_bases",
    )
    roster_import = models.OneToOneField(
        RosterImport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="processing_basis",
    )
    kind = models.CharField(_("legal basis"), max_length=20, choices=Kind)
    text = models.CharField(_("document or consent form"), max_length=500)
    basis_date = models.DateField(_("date of the document"))
    # The coordinator declared that the guardians' written consent for the learners
    # under GUARDIAN_CONSENT_AGE is kept by the unit (the paper stays there).
    guardian_consent = models.BooleanField(_("guardian consent on record"))
    recorded_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("legal basis for processing")
        verbose_name_plural = _("legal bases for processing")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.organisation} – {self.get_kind_display()} ({self.basis_date})"


class ConsentRecord(models.Model):
    """One person covered by a basis (every learner of the import that declared
    it); the newest is the one their pages show."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    basis = models.ForeignKey(
        ProcessingBasis, on_delete=models.CASCADE, related_name="records"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "basis"], name="people_consent_record_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.basis}"


class NoticeAcknowledgement(models.Model):
    """A person read the processing notice of this version at this time."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    version = models.CharField(max_length=20)
    acknowledged_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="people_notice_read_once"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.version}"
