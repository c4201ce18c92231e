"""Searching the pages a visitor may see: exact words first, then accent-free ones.

Which page types take part is up to the models: those whose ``search_fields``
declare the folded copy (``search_folded_text``) are searched, no list here.
"""

from functools import cached_property, lru_cache

from django.db.models import Q
from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail.search.query import And, Not, PlainText

from . import ranking
from .folding import mark_keys

FOLDED_TEXT_FIELD = "search_folded_text"
AUTOCOMPLETE_LIMIT = 8


@lru_cache(maxsize=1)
def searchable_page_models():
    """Page types that index an accent-free copy of their text."""
    return tuple(
        model
        for model in get_page_models()
        if any(
            isinstance(field, index.SearchField)
            and field.field_name == FOLDED_TEXT_FIELD
            for field in model.get_search_fields()
        )
    )


def visible_pages(audience=None):
    """Live pages outside private sections, of the searchable types.

    With an audience, only the courses meant for it and the pages inside them.
    """
    pages = Page.objects.live().public().type(*searchable_page_models())
    if audience is not None:
        paths = audience.courses.live().values_list("path", flat=True)
        in_courses = Q(pk__in=[])
        for path in paths:
            in_courses |= Q(path__startswith=path)
        pages = pages.filter(in_courses)
    return pages


class RankedResults:
    """Search results in tiers, each ranked by the backend: a list for Paginator.

    Counts each tier once; a slice reads only the tiers it spans.
    """

    def __init__(self, tiers):
        self.tiers = tiers

    @cached_property
    def counts(self):
        return [tier.count() for tier in self.tiers]

    def count(self):
        return sum(self.counts)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop
        items, offset = [], 0
        for tier, size in zip(self.tiers, self.counts, strict=True):
            low = max(start - offset, 0)
            high = size if stop is None else min(stop - offset, size)
            if low < high:
                items.extend(tier[low:high])
            offset += size
        return items


def _ranked(method, query):
    """``pages.search`` or ``pages.autocomplete`` results, best first: ranked on the
    index table where :mod:`search.ranking` can, by the backend elsewhere."""
    results = method(query, order_by_relevance=False)
    if ranking.applies(results):
        return ranking.RankedTier(results)
    return method(query)


def search(pages, query):
    """``pages`` matching every word of ``query`` with or without marks.

    When the query has marked words, pages containing exactly those words come
    first ("Đoàn" before "đoán"); each tier keeps the backend's relevance order.
    """
    if not query:
        return RankedResults([])
    folded = PlainText(query.folded, operator="and")
    if not query.keys:
        return RankedResults([_ranked(pages.search, folded)])
    exact = And([PlainText(key) for key in query.keys.split()])
    results = pages.search(folded, order_by_relevance=False)
    if ranking.ranks_exact_first(results):  # PostgreSQL: both tiers in one pass
        return RankedResults([ranking.RankedTier(results, exact=exact)])
    # One PlainText per key: SQLite's backend leaves a single PlainText's terms
    # unbracketed, so NOT would apply to its first term only.
    tiers = [And([folded, exact]), And([folded, Not(exact)])]
    return RankedResults([_ranked(pages.search, tier) for tier in tiers])


def suggest(pages, query, limit=AUTOCOMPLETE_LIMIT):
    """Titles starting with what was typed, the last word perhaps unfinished.

    The backend ranks; among its first few, titles holding the typed marked words
    come first.
    """
    if not query:
        return []
    candidates = list(_ranked(pages.autocomplete, query.folded)[: limit * 2])
    typed = set(query.keys.split())
    if typed:
        candidates.sort(
            key=lambda page: -len(typed & set(mark_keys(page.title).split()))
        )
    return candidates[:limit]
