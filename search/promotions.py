"""Editors' promoted results (Wagtail's search promotions), found without accents.

An editor promotes a page for "chuyển đổi số"; a visitor typing "chuyen doi so" or
"CHUYỂN ĐỔI SỐ" sees it too: the promotion's query and the visitor's are compared
folded. Promoted pages must still be live and public.
"""

from dataclasses import dataclass

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page

from .folding import fold


@dataclass(frozen=True)
class Promotion:
    title: str
    url: str
    description: str
    page_id: int | None = None


def promotions_for(query, request=None):
    """The promotions whose query folds to the same words as ``query``, in order.

    Editors keep a handful of promotions, so their query strings are compared in
    Python (one query), rather than folding text inside the database.
    """
    if not query:
        return []
    picks = [
        pick
        for pick in SearchPromotion.objects.select_related("query").order_by(
            "query_id", "sort_order", "pk"
        )
        if fold(pick.query.query_string) == query.folded
    ]
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    pages = (
        {page.pk: page for page in Page.objects.live().public().filter(pk__in=page_ids)}
        if page_ids
        else {}
    )
    promoted = []
    for pick in picks:
        if pick.page_id:
            page = pages.get(pick.page_id)
            if page is None:
                continue
            promoted.append(
                Promotion(page.title, page.get_url(request), pick.description, page.pk)
            )
        elif pick.external_link_url:
            title = pick.external_link_text or pick.external_link_url
            promoted.append(Promotion(title, pick.external_link_url, pick.description))
    return promoted
