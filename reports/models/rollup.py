"""Pre-aggregated enrolment figures, so province-wide views need not scan every
enrolment. Built by ``reports.dashboard.rollup.refresh`` (every 10 minutes by Celery
beat); read by ``reports.dashboard.queries`` when the view's filters fit (see
``reports.dashboard.rollup``).

Rows keep the enrolment's own unit: merged units are resolved when reading, exactly
as the live queries do, so a merge shows at once without a rebuild.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentSummary(models.Model):
    """Counts of the non-withdrawn enrolments of one unit, course, school year (of
    the class, "" without one) and month of enrolment. Sums and counts only, so
    rows add up (the average score is score_sum / scored)."""

    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    school_year = models.CharField(max_length=9, blank=True)
    enrolled_month = models.DateField()
    enrolled = models.PositiveIntegerField()
    started = models.PositiveIntegerField()
    completed = models.PositiveIntegerField()
    certificates = models.PositiveIntegerField()
    score_sum = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    scored = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("enrolment summary")
        verbose_name_plural = _("enrolment summaries")

    def __str__(self):
        return f"{self.organisation_id}/{self.course_id}/{self.enrolled_month}"


class CompletionMonths(models.Model):
    """Completions of the ``EnrolmentSummary`` keys by month of completion: the
    chart over time, and the first and last completion."""

    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    school_year = models.CharField(max_length=9, blank=True)
    enrolled_month = models.DateField()
    completed_month = models.DateField()
    completions = models.PositiveIntegerField()
    first_completed = models.DateTimeField()
    last_completed = models.DateTimeField()

    class Meta:
        verbose_name = _("completions by month")
        verbose_name_plural = _("completions by month")

    def __str__(self):
        return f"{self.organisation_id}/{self.course_id}/{self.completed_month}"


class CompletionDays(models.Model):
    """How many enrolments (``EnrolmentSummary`` keys) completed after a given
    number of whole days: the median comes from a walk over day values, never
    from the enrolments."""

    organisation = models.ForeignKey(
        "people.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    school_year = models.CharField(max_length=9, blank=True)
    enrolled_month = models.DateField()
    days = models.PositiveIntegerField()
    completions = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("completion days")
        verbose_name_plural = _("completion days")

    def __str__(self):
        return f"{self.organisation_id}/{self.course_id}/{self.days}"


class RootCompletionDays(models.Model):
    """``CompletionDays`` added up per top unit (a province): with few learners per
    unit, course and month the unit table is nearly as long as the completions, so
    whole-province views read this one (a few thousand rows)."""

    root_path = models.CharField(max_length=255)
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    school_year = models.CharField(max_length=9, blank=True)
    enrolled_month = models.DateField()
    days = models.PositiveIntegerField()
    completions = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("completion days per top unit")
        verbose_name_plural = _("completion days per top unit")

    def __str__(self):
        return f"{self.root_path}/{self.course_id}/{self.days}"


class SummaryState(models.Model):
    """One row: when the summary tables were last rebuilt (none: never)."""

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("summary state")
        verbose_name_plural = _("summary state")

    def __str__(self):
        return str(self.refreshed_at)
