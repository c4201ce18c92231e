"""Programmes: an ordered track of courses for an audience, with its own rule.

A programme is complete for a learner when the rule is met (every course, or at
least N of them); that is recorded once per learner (a database constraint), so
a completion announced twice still makes one record and one certificate.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from people.text import clean_text


class Programme(ClusterableModel):
    """ "Kỹ năng số cho cán bộ Bộ phận một cửa": courses in the order to take them."""

    class Rule(models.TextChoices):
        ALL = "all", _("Every course")
        AT_LEAST = "at_least", _("At least a number of courses")

    title = models.CharField(_("title"), max_length=255, unique=True)
    audience = models.ForeignKey(
        "courses.Audience",
        verbose_name=_("audience"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
    )
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(
        _("completed when the learner has completed"),
        max_length=10,
        choices=Rule,
        default=Rule.ALL,
    )
    required_courses = models.PositiveSmallIntegerField(
        _("number of courses"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Only for “at least a number of courses”."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("audience"),
        FieldPanel("description"),
        FieldPanel("rule"),
        FieldPanel("required_courses"),
        InlinePanel("programme_courses", label=_("courses"), min_num=1),
    ]

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = clean_text(self.title)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.rule == self.Rule.AT_LEAST and not self.required_courses:
            raise ValidationError(
                {"required_courses": _("Say how many courses are needed.")}
            )
        if self.rule == self.Rule.ALL:
            self.required_courses = None

    def needed(self, course_count):
        """How many completed courses meet the rule, for ``course_count`` courses."""
        if self.rule == self.Rule.AT_LEAST and self.required_courses:
            return min(self.required_courses, course_count)
        return course_count


class ProgrammeCourse(Orderable):
    programme = ParentalKey(
        Programme, on_delete=models.CASCADE, related_name="programme_courses"
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course of the programme")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "course"], name="courses_programme_course_once"
            )
        ]


class ProgrammeCompletion(models.Model):
    """A learner met a programme's rule: recorded once, never recomputed."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="programme_completions",
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    # The learner's unit then (from the enrolment that completed it), for
    # statistics per unit without joining memberships.
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("programme completion")
        verbose_name_plural = _("programme completions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="courses_programme_completed_once"
            )
        ]
        indexes = [models.Index(fields=["programme", "organisation"])]

    def __str__(self):
        return f"{self.user} – {self.programme}"
