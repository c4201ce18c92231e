"""Certificate records, frozen at issue, and the serial-number counters.

A certificate is an official paper: what was printed on it is frozen in its own
columns at issue, with the PDF and its SHA-256, and never recomputed from live data.
The rules that must hold under retries and racing workers (one live certificate per
enrolment, unique serials and codes) are database constraints.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Membership

from ..codes import format_code
from .storage import private_storage
from .templates import CertificateTemplate


class CertificateQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=Certificate.LIVE_STATUSES)

    def issued(self):
        return self.filter(status=Certificate.Status.ISSUED)

    def of_class(self, school_class):
        """Certificates held by the class's learners (the class page, its ZIP)."""
        learners = Membership.objects.learners().filter(school_class=school_class)
        return self.filter(holder_id__in=learners.values("user_id"))


class Certificate(models.Model):
    """One certificate for one completed enrolment (or programme), frozen when issued.

    ``pending`` → ``issued`` (or ``failed``, retried) → possibly ``revoked`` or
    ``replaced`` (by a reissue, which points to the new certificate). At most one
    certificate per enrolment, or per programme completion, is live (pending, issued
    or failed).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being issued")
        ISSUED = "issued", _("Issued")
        FAILED = "failed", _("Failed")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced")

    LIVE_STATUSES = (Status.PENDING, Status.ISSUED, Status.FAILED)

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    # A programme's certificate has no enrolment: it stands for the completion.
    programme_completion = models.ForeignKey(
        "courses.ProgrammeCompletion",
        verbose_name=_("programme completion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    verification_code = models.CharField(
        _("verification code"), max_length=20, unique=True
    )
    serial = models.CharField(_("number"), max_length=80, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    queued_at = models.DateTimeField(default=timezone.now)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    # The holder's first download: a certificate never fetched is a reminder's reason
    # (reports/stragglers). Downloads by coordinators do not count.
    downloaded_at = models.DateTimeField(
        _("first downloaded at"), null=True, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    # What is printed, frozen at issue.
    holder_name = models.CharField(_("holder's name"), max_length=150, blank=True)
    holder_birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    holder_unit = models.CharField(_("class or unit"), max_length=300, blank=True)
    course_title = models.CharField(_("course"), max_length=255, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    score = models.DecimalField(
        _("best quiz score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    issuing_body = models.CharField(_("issuing body"), max_length=255, blank=True)
    superior_body = models.CharField(_("governing body"), max_length=255, blank=True)
    place_name = models.CharField(_("place name"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    pdf = models.FileField(
        _("PDF file"), upload_to="certificates/pdf", storage=private_storage, blank=True
    )
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    # The Open Badges 3.0 credential, signed at issue (compact JWS, VC-JOSE;
    # certificates/credentials/).
    credential = models.TextField(_("signed credential"), blank=True)

    # Corrections.
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked or reissued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(status__in=["pending", "issued", "failed"]),
                name="certificates_one_live_per_enrolment",
            ),
            models.UniqueConstraint(
                fields=["programme_completion"],
                condition=Q(status__in=["pending", "issued", "failed"]),
                name="certificates_one_live_per_programme_completion",
            ),
            models.UniqueConstraint(
                fields=["issuing_body", "serial"],
                condition=~Q(serial=""),
                name="certificates_serial_unique_per_body",
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self):
        return f"{self.serial or self.display_code} – {self.holder_name or self.holder}"

    @property
    def display_code(self):
        return format_code(self.verification_code)

    @property
    def is_live(self):
        return self.status in self.LIVE_STATUSES


class SerialCounter(models.Model):
    """The last number given by an issuing body in a year ("Số: 00042/2026/…")."""

    issuing_body = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_body", "year"], name="certificates_counter_once"
            )
        ]

    def __str__(self):
        return f"{self.issuing_body} {self.year}: {self.last}"
