"""Target completion rates the department sets, per course and/or audience."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    """ "70 % of the enrolled complete this course" — for a course, an audience or
    both, province-wide or for one unit (and everything under it). A target on
    coverage reads "70 % of the population complete it" instead.

    The most specific target that matches a view wins (see ``reports.targets``).
    """

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    audience = models.ForeignKey(
        "courses.Audience",
        verbose_name=_("audience"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for the whole province."),
    )

    class Measure(models.TextChoices):
        COMPLETION = "completion", _("completion rate (completed ÷ enrolled)")
        COVERAGE = "coverage", _("coverage (completed ÷ population)")

    measure = models.CharField(
        _("applies to"),
        max_length=10,
        choices=Measure,
        default=Measure.COMPLETION,
    )
    rate = models.PositiveSmallIntegerField(
        _("target rate (%)"), validators=[MaxValueValidator(100)]
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("completion target")
        verbose_name_plural = _("completion targets")

    def __str__(self):
        parts = [str(x) for x in (self.course, self.audience, self.organisation) if x]
        return f"{' – '.join(parts) or _('All courses')}: {self.rate} %"
