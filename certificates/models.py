"""Certificate records, the templates they are printed from, their artwork and
counters.

A certificate is an official paper: what was printed on it is frozen in its own
columns at issue, with the PDF and its SHA-256, and never recomputed from live data.
The rules that must hold under retries and racing workers (one live certificate per
enrolment, unique serials and codes) are database constraints.
"""

import hashlib

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from people.models import Membership
from people.text import clean_text

from .codes import format_code


def private_storage():
    """Certificates carry personal data: kept outside MEDIA_ROOT, served only by
    views that check who is asking."""
    return storages["private"]


class CertificateArtwork(models.Model):
    """A signature, seal or background picture printed on certificates.

    Not a Wagtail image, on purpose: a Wagtail image's file and renditions live in
    public storage (anyone with the URL downloads them, whatever collection it is
    in), and every editor's image chooser lists it. A model of its own keeps the
    file in private storage (``DJANGO_PRIVATE_MEDIA_ROOT``), served only by a view
    that checks the permission (``certificates.artwork_views``); only certificate
    administrators (the group of that name, ``certificates.roles``) see it in the
    admin, upload it and choose it in a template. Editors never meet it.
    """

    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        SEAL = "seal", _("Seal or emblem")
        BACKGROUND = "background", _("Background")

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    file = models.ImageField(
        _("image file"),
        upload_to="certificates/artwork",
        storage=private_storage,
        help_text=_("PNG or JPEG. A scanned signature on white paper is fine."),
    )
    file_hash = models.CharField(max_length=64, blank=True, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    panels = [FieldPanel("title"), FieldPanel("kind"), FieldPanel("file")]

    class Meta:
        verbose_name = _("certificate artwork")
        verbose_name_plural = _("certificate artwork")
        ordering = ["kind", "title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        self.title = clean_text(self.title)
        if not self.file_hash or not self.file._committed:  # a new upload
            self.file_hash = file_digest(self.file)
        super().save(*args, **kwargs)

    def get_file_hash(self):
        return self.file_hash


def file_digest(file):
    """SHA-256 of an uploaded or stored file (templates re-prepare when it changes)."""
    digest = hashlib.sha256()
    if file._committed:  # stored: read it and let go of it
        with file.storage.open(file.name, "rb") as handle:
            for chunk in iter(lambda: handle.read(64 * 1024), b""):
                digest.update(chunk)
    else:  # just uploaded: read it, then rewind for the storage to save it
        for chunk in file.file.chunks():
            digest.update(chunk)
        file.file.seek(0)
    return digest.hexdigest()


class CertificateTemplate(ClusterableModel):
    """How certificates look and who signs them: one default, overrides per
    audience and per course.

    Who issues a certificate depends on who was trained: one-stop staff are trained
    (and certified) by the body in charge of them, youth-union members by the
    education department. So a template names the audiences it is for, and a
    course is printed with its own template, else its audience's, else the default
    (``certificates.issuing.template_for``).

    Empty issuing body and place fall back to the portal settings. Its pictures are
    certificate artwork (private, see :class:`CertificateArtwork`), prepared once
    (see ``certificates.images``); ``prepared_from`` records which uploads the
    stored renditions were made from.
    """

    name = models.CharField(_("name"), max_length=100)
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used for every course that has no template of its own."),
    )
    title = models.CharField(_("title"), max_length=100, default="GIẤY CHỨNG NHẬN")
    subtitle = models.CharField(
        _("subtitle"),
        max_length=200,
        blank=True,
        default="HOÀN THÀNH KHÓA TẬP HUẤN KỸ NĂNG SỐ",
    )
    completion_wording = models.CharField(
        _("wording before the course title"),
        max_length=200,
        default="Đã hoàn thành khóa học",
    )
    superior_body = models.CharField(
        _("governing body"),
        max_length=255,
        blank=True,
        help_text=_("Printed above the issuing body, e.g. the provincial committee."),
    )
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to use the issuing body of the portal settings."),
    )
    place_name = models.CharField(
        _("place name"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to use the place of the portal settings."),
    )
    serial_suffix = models.CharField(
        _("number suffix"),
        max_length=30,
        default="GCN",
        help_text=_("Printed after the number and year, e.g. 00042/2026/GCN."),
    )
    signer_title = models.CharField(
        _("signer's title"), max_length=100, default="Giám đốc"
    )
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    background_image = models.ForeignKey(
        CertificateArtwork,
        verbose_name=_("background image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    draw_frame = models.BooleanField(
        _("draw a frame"),
        default=True,
        help_text=_("Untick when the background image has a frame of its own."),
    )
    logo = models.ForeignKey(
        CertificateArtwork,
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signature_image = models.ForeignKey(
        CertificateArtwork,
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prepared_background = models.CharField(max_length=255, blank=True, editable=False)
    prepared_logo = models.CharField(max_length=255, blank=True, editable=False)
    prepared_signature = models.CharField(max_length=255, blank=True, editable=False)
    prepared_from = models.CharField(max_length=500, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("is_default"),
        MultiFieldPanel(
            [
                FieldPanel("superior_body"),
                FieldPanel("issuing_body"),
                FieldPanel("place_name"),
                FieldPanel("serial_suffix"),
            ],
            heading=_("Issuing body"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("subtitle"),
                FieldPanel("completion_wording"),
            ],
            heading=_("Wording"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signer_title"),
                FieldPanel("signer_name"),
                FieldPanel("signature_image"),
            ],
            heading=_("Signer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("background_image"),
                FieldPanel("draw_frame"),
                FieldPanel("logo"),
            ],
            heading=_("Images"),
        ),
        InlinePanel(
            "audience_links",
            heading=_("Audiences using this template"),
            help_text=_(
                "Courses for these audiences are issued by this template's body "
                "and signer, unless a course has a template of its own."
            ),
        ),
        InlinePanel("course_links", heading=_("Courses using this template")),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificates_template_one_default",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for field in (
            "name",
            "title",
            "subtitle",
            "completion_wording",
            "superior_body",
            "issuing_body",
            "place_name",
            "serial_suffix",
            "signer_title",
            "signer_name",
        ):
            setattr(self, field, clean_text(getattr(self, field)))
        super().save(*args, **kwargs)


class CertificateTemplateAudience(models.Model):
    """An audience whose courses are printed with this template (one per audience)."""

    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="audience_links"
    )
    audience = models.OneToOneField(
        "courses.Audience",
        verbose_name=_("audience"),
        on_delete=models.CASCADE,
        related_name="certificate_template_link",
    )

    panels = [FieldPanel("audience")]

    class Meta:
        verbose_name = _("audience using the template")
        verbose_name_plural = _("audiences using the template")

    def __str__(self):
        return f"{self.template} – {self.audience}"


class CertificateTemplateCourse(models.Model):
    """A course printed with a template other than the default (one per course)."""

    template = ParentalKey(
        CertificateTemplate, on_delete=models.CASCADE, related_name="course_links"
    )
    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="certificate_template_link",
    )

    panels = [FieldPanel("course")]

    class Meta:
        verbose_name = _("course using the template")
        verbose_name_plural = _("courses using the template")

    def __str__(self):
        return f"{self.template} – {self.course}"


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
    """One certificate for one completed enrolment, frozen when issued.

    ``pending`` → ``issued`` (or ``failed``, retried) → possibly ``revoked`` or
    ``replaced`` (by a reissue, which points to the new certificate). At most one
    certificate per enrolment is live (pending, issued or failed).
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


class ClassArchive(models.Model):
    """A ZIP of a class's certificates, built in the background with progress."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    school_class = models.ForeignKey(
        "people.SchoolClass", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(
        upload_to="certificates/zip", storage=private_storage, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.school_class} – {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
