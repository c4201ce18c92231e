"""What every page's header and footer need: the portal's branding, from the cache
rather than a query a page, and the links of the site's navigation."""

from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language_info
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


# Links in base.html's header and footer, by URL name.
NAV_URL_NAMES = {
    "search": "search",
    "my_learning": "courses:my_learning",
    "coordination": "coordinator:home",
    "people_admin": "people_admin:people",
    "exam_schedule": "exam_schedule:schedule",
    "statistics": "reports:dashboard",
    "account": "people:password_change",
    "login": "people:login",
    "logout": "people:logout",
    "open_data": "open_data:index",
}


@lru_cache(maxsize=4)
def _nav_urls(script_prefix):
    urls = {key: reverse(name) for key, name in NAV_URL_NAMES.items()}
    urls["languages"] = [
        {
            "code": code,
            "name_local": get_language_info(code)["name_local"],
            "url": reverse("switch_language", args=[code]),
        }
        for code, _name in settings.LANGUAGES
    ]
    return urls


def nav_urls(request):
    """The header's and footer's links, reversed once per process: they never change
    while it runs, and reversing them took a tenth of a lesson page's time."""
    return {"nav_urls": _nav_urls(get_script_prefix())}
