"""Exam-day records: a class's window on a quiz, and extra time given to a learner."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QuizWindow(models.Model):
    """A class's window on a quiz. Open while ``is_open`` and inside the optional
    schedule (``opens_at`` ≤ now < ``closes_at``). A practice quiz without a window
    is open; an exam quiz is closed until one of the learner's windows is open."""

    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.CASCADE, related_name="windows"
    )
    school_class = models.ForeignKey(
        "people.SchoolClass", on_delete=models.CASCADE, related_name="quiz_windows"
    )
    is_open = models.BooleanField(_("open"), default=False)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    # Overrides the course's time limit for this class.
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("quiz window")
        verbose_name_plural = _("quiz windows")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "school_class"], name="courses_quizwindow_once"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="courses_quizwindow_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.quiz} – {self.school_class}"

    def is_open_at(self, now):
        return (
            self.is_open
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )


class QuizExtraTime(models.Model):
    """Minutes a coordinator added for one learner: to the attempt in progress, or
    (``attempt`` empty until then) to the next one the learner starts."""

    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.CASCADE, related_name="+"
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment", on_delete=models.CASCADE, related_name="extra_times"
    )
    attempt = models.ForeignKey(
        "courses.QuizAttempt",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="extra_times",
    )
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("extra time")
        verbose_name_plural = _("extra time")
        indexes = [models.Index(fields=["enrolment", "quiz"])]

    def __str__(self):
        return f"{self.enrolment} +{self.minutes}"
