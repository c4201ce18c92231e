"""Counting searches and reading the counts back for editors."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import SearchTermDay

REPORT_DAYS = 30


def record_search(query, found):
    """Count one search for ``query`` today; ``found`` is how many results it had.

    An UPDATE first (one query once the row exists); the first search of the day
    creates the row, and a concurrent first search falls back to the UPDATE.
    """
    term = query.text.lower()
    if not term:
        return
    today = timezone.localdate()
    counts = {"searches": F("searches") + 1}
    if not found:
        counts["zero_results"] = F("zero_results") + 1
    rows = SearchTermDay.objects.filter(term=term, date=today)
    if rows.update(**counts):
        return
    try:
        with transaction.atomic():
            SearchTermDay.objects.create(
                term=term, date=today, searches=1, zero_results=0 if found else 1
            )
    except IntegrityError:
        rows.update(**counts)


def _since(days):
    return timezone.localdate() - datetime.timedelta(days=days - 1)


def popular_terms(days=REPORT_DAYS, limit=50):
    """The most searched terms of the last ``days`` days, with their totals."""
    return (
        SearchTermDay.objects.filter(date__gte=_since(days))
        .values("term")
        .annotate(total=Sum("searches"), fruitless=Sum("zero_results"))
        .order_by("-total", "term")[:limit]
    )


def zero_result_terms(days=REPORT_DAYS, limit=50):
    """Terms that found nothing in the last ``days`` days, most frequent first."""
    return (
        SearchTermDay.objects.filter(date__gte=_since(days), zero_results__gt=0)
        .values("term")
        .annotate(total=Sum("zero_results"))
        .order_by("-total", "term")[:limit]
    )
