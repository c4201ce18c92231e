"""The portal's branding for every page's header and footer, from the cache rather
than a query a page. (The header's links are config/navigation.py's: they name
every room's URLs, which home, below reports, may not.)"""

from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import PortalSettings

FIELDS = ("portal_name", "tagline", "contact_email", "contact_phone")


def _key(site_id):
    return f"home:portal-settings:{site_id}"


def portal(request):
    site = Site.find_for_request(request)  # cached on the request by Wagtail
    if site is None:
        return {"portal": {}}
    data = cache.get(_key(site.pk))
    if data is None:
        settings = PortalSettings.for_site(site)
        data = {name: getattr(settings, name) for name in FIELDS}
        cache.set(_key(site.pk), data, 3600)
    return {"portal": data}


@receiver(post_save, sender=PortalSettings)
def forget_portal(sender, instance, raw=False, **kwargs):
    cache.delete(_key(instance.site_id))
