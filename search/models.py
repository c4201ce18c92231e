"""What visitors searched for, per day: the popular and the fruitless queries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTermDay(models.Model):
    """How often a query was searched on one day, and how often it found nothing.

    One row per query and day, counted in SQL (no row per search), so that editors
    can see what people look for and what the portal lacks. Queries are kept as
    typed, NFC and lower-case; only the first page of results counts.
    """

    term = models.CharField(_("search term"), max_length=200)
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches with no results"), default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["term", "date"], name="search_term_per_day")
        ]
        indexes = [models.Index(fields=["date"], name="search_term_date")]

    def __str__(self):
        return f"{self.term} ({self.date})"
