"""The home page and the portal's site-wide settings."""

from django.core.cache import cache
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from courses.catalogue import catalogue
from courses.models.slugs import AsciiSlugMixin
from courses.outline import tree_version


class HomePage(AsciiSlugMixin, Page):
    """Landing page: what the portal is for, and the course catalogue."""

    headline = models.CharField(_("headline"), max_length=255, blank=True)
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("headline"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find the deepest page of the path in one query, then let it route the rest.

        Wagtail's default walks the tree one level at a time, two queries a level
        (/khoa-hoc/<course>/<lesson>/ cost seven); every lesson and quiz request pays
        for that. The deepest page still routes what is left (its own sub-routes,
        e.g. a quiz attempt), checks that it is live, and view restrictions are
        checked by Wagtail afterwards as usual.

        The page found is cached under the page-tree version, which publishing,
        unpublishing, moving or deleting any page bumps (courses.outline), so a
        cached page is never one that has changed since.
        """
        if not path_components:
            return super().route(request, path_components)
        key = f"home:route:{self.pk}:{tree_version()}:{'/'.join(path_components)}"
        found = cache.get(key)
        if found is None:
            found = self._deepest_page(path_components)
            cache.set(key, found, 3600)
        specific, consumed = found
        if specific is None:
            raise Http404
        return specific.route(request, path_components[consumed:])

    def _deepest_page(self, path_components):
        """(the deepest live-or-not page on the path, as its type, with its parent
        attached; how many path components it consumed), or (None, 0)."""
        prefixes = [
            self.url_path + "/".join(path_components[:n]) + "/"
            for n in range(1, len(path_components) + 1)
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(
                url_path__in=prefixes, path__startswith=self.path
            )
        }
        for depth in range(len(path_components), 0, -1):
            page = found.get(prefixes[depth - 1])
            if page is None:
                continue
            specific = page.specific
            parent = self if depth == 1 else found.get(prefixes[depth - 2])
            if parent is not None:
                # treebeard's get_parent() reuses this instead of querying again
                specific._cached_parent_obj = parent
            return specific, depth
        return None, 0

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue(request, self))
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
