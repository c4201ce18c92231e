"""Which view restrictions apply to a course page, from the cache.

Wagtail checks view restrictions before serving any page: two queries (the page's
ancestors, then their restrictions), on every lesson, quiz and autosave-free quiz
step. Course pages are rarely private, so the answer is cached under the page-tree
version (courses/outline.py), which publishing, moving or deleting a page and saving
or deleting any restriction bumps. With no restriction, no query at all; with some,
the restrictions themselves are read as usual, groups and passwords included.
"""

from django.core.cache import cache
from wagtail.models import PageViewRestriction


class CachedViewRestrictionsMixin:
    def get_view_restrictions(self):
        from .outline import TIMEOUT, tree_version  # outline imports the page models

        key = f"courses:restrictions:{tree_version()}:{self.pk}"
        restriction_ids = cache.get(key)
        if restriction_ids is None:
            restriction_ids = list(
                super().get_view_restrictions().values_list("pk", flat=True)
            )
            cache.set(key, restriction_ids, TIMEOUT)
        if not restriction_ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=restriction_ids)
