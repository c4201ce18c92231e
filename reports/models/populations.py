"""Target populations: how many people of an audience a unit should reach in a
school year — the denominator of coverage (completed ÷ population).

Why here, in ``reports``: a population is per *audience*, and audiences live in
``courses`` (``courses.Audience``), so the model cannot sit in ``people`` (a lower
room never imports a higher one). It is read only by the statistics, and it is set
by the same department people who set the targets, so it sits beside ``Target``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCHOOL_YEAR = RegexValidator(
    r"^\d{4}-\d{4}$", _("The school year looks like 2026-2027.")
)


class Population(models.Model):
    """ "Trường THPT Bắc Kạn has 1,654 youth-union members in 2026-2027."

    A unit's population is its own declared figure, else the sum of what is declared
    beneath it (``reports.populations.rollup``). Where a school's class lists are
    complete for the year, ``counted_from_rosters`` says so and the figure is the
    count of the school's learners in that year's classes, never typed.
    """

    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    audience = models.ForeignKey(
        "courses.Audience",
        verbose_name=_("audience"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    school_year = models.CharField(
        _("school year"), max_length=9, validators=[SCHOOL_YEAR]
    )
    headcount = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the population is counted from the rosters."),
    )
    counted_from_rosters = models.BooleanField(
        _("rosters complete: count the learners of the year's classes"),
        default=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "audience", "school_year"],
                name="reports_population_unique_per_unit_audience_year",
            )
        ]

    def __str__(self):
        figure = _("from rosters") if self.counted_from_rosters else self.headcount
        return f"{self.organisation} – {self.audience} – {self.school_year}: {figure}"

    def clean(self):
        if not self.counted_from_rosters and self.headcount is None:
            raise ValidationError(
                {
                    "headcount": _(
                        "Enter the population, or say the rosters are complete."
                    )
                }
            )
