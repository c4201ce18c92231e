"""The tabs of a class's pages (Students, Courses, Progress, Certificates).

People owns the class page but not the pages beside it, so each room registers its
own tab from its ``AppConfig.ready()``: people the Students tab, courses, reports and
certificates theirs. People's templates never name a higher room's URL.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class ClassTab:
    key: str  # what a page passes as ``tab`` to be marked current
    label: str  # a lazy translation
    url_name: str  # reversed with the class's primary key
    order: int  # left to right


_tabs: dict[str, ClassTab] = {}


def register(tab):
    """Add or replace (by key) a tab; registering twice is harmless."""
    _tabs[tab.key] = tab


def tabs_for(school_class):
    """The registered tabs in order, each with its URL for this class."""
    return [
        {
            "key": tab.key,
            "label": tab.label,
            "url": reverse(tab.url_name, args=[school_class.pk]),
        }
        for tab in sorted(_tabs.values(), key=lambda tab: tab.order)
    ]
