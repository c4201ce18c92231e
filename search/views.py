"""Site search over live, public pages: the results page and autocomplete."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from courses.models import Audience

from .folding import Query
from .promotions import promotions_for
from .query import search as ranked_search
from .query import suggest, visible_pages
from .results import courses_of, describe, suggestion
from .stats import record_search

RESULTS_PER_PAGE = 10
AUDIENCE_PARAM = "doi-tuong"  # as in the course catalogue
MIN_AUTOCOMPLETE_LENGTH = 2


def search(request):
    query = Query.parse(request.GET.get("q", ""))
    audiences = list(Audience.objects.all())
    audience = next(
        (a for a in audiences if a.slug == request.GET.get(AUDIENCE_PARAM)), None
    )
    promoted = promotions_for(query, request)
    pages = visible_pages(audience).specific()
    promoted_ids = [p.page_id for p in promoted if p.page_id]
    if promoted_ids:
        pages = pages.exclude(pk__in=promoted_ids)
    results = ranked_search(pages, query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    if query and request.GET.get("page", "1") == "1":  # a new search, not paging
        record_search(query, found=results.count() + len(promoted))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query.text,
            "query": query,
            "search_results": page,
            "results": describe(page.object_list, query, request),
            "promoted": promoted if page.number == 1 else [],
            "audiences": audiences,
            "selected_audience": audience,
            "audience_param": AUDIENCE_PARAM,
        },
    )


def autocomplete(request):
    """JSON suggestions for the search box: titles of courses and lessons."""
    query = Query.parse(request.GET.get("q", ""))
    suggestions = []
    if len(query.folded) >= MIN_AUTOCOMPLETE_LENGTH:
        pages = suggest(visible_pages(), query)
        courses = courses_of(pages)
        suggestions = [
            suggestion(page, courses.get(page.pk), request) for page in pages
        ]
    response = JsonResponse({"query": query.text, "results": suggestions})
    patch_cache_control(response, private=True, max_age=60)
    return response
