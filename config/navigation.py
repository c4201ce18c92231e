"""The links in base.html's header and footer, by URL name.

They lead into every room (search, courses, people, reports) and to the language
switch, so they live here with the URL map that wires those rooms together, not in
a room that sits below some of them (home once held them, reaching up to reports).
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language_info

NAV_URL_NAMES = {
    "search": "search",
    "my_learning": "courses:my_learning",
    "coordination": "coordinator:home",
    "people_admin": "people_admin:people",
    "exam_schedule": "exam_schedule:schedule",
    "statistics": "reports:dashboard",
    "stragglers": "stragglers:list",
    "populations": "populations_site:list",
    "account": "people:password_change",
    "personal_data": "people:my_data",
    "data_requests": "data_requests:list",
    "login": "people:login",
    "logout": "people:logout",
    "open_data": "open_data:index",
    "privacy": "people:privacy",
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
