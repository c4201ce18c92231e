"""How certificates look and who signs them, and which courses use which look."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from people.text import clean_text

from .artwork import CertificateArtwork


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
