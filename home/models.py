"""The home page and the portal's site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from courses.models import CoursePage


class HomePage(Page):
    """Landing page: what the portal is for, and the course catalogue."""

    headline = models.CharField(_("headline"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("headline"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            CoursePage.objects.live()
            .public()
            .descendant_of(self)
            .order_by("path")
            .prefetch_related("audiences")
        )
        return context


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """Branding and the body that issues certificates, editable without a deploy."""

    portal_name = models.CharField(
        _("portal name"), max_length=255, default="Cổng tập huấn kỹ năng số"
    )
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    issuing_body = models.CharField(
        _("certificate issuing body"), max_length=255, blank=True
    )
    issuing_place = models.CharField(
        _("place name printed on certificates"), max_length=100, blank=True
    )
    contact_email = models.EmailField(_("support email"), blank=True)
    contact_phone = models.CharField(_("support phone"), max_length=30, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("portal_name"), FieldPanel("tagline")], heading=_("Branding")
        ),
        MultiFieldPanel(
            [FieldPanel("issuing_body"), FieldPanel("issuing_place")],
            heading=_("Certificates"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        verbose_name = _("portal settings")
