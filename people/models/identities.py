"""Sign-in identities of an outside provider (VNeID) linked to portal accounts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .users import User


class ExternalIdentity(models.Model):
    """One provider identity (issuer + subject) that signs in to one account.

    Made when the provider's verified personal identification number matched the
    account, or when the learner linked it after signing in with their password
    (people/oidc/linking.py). Deleted with the account.
    """

    class Method(models.TextChoices):
        PERSONAL_ID = "personal_id", _("Matched by personal identification number")
        LEARNER = "learner", _("Linked by the account holder")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    method = models.CharField(_("how it was linked"), max_length=20, choices=Method)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-in identity")
        verbose_name_plural = _("sign-in identities")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="people_identity_issuer_subject"
            ),
            # One identity of each provider per account.
            models.UniqueConstraint(
                fields=["user", "issuer"], name="people_identity_user_issuer"
            ),
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject}"
