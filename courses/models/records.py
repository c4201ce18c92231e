"""Learning records: who is enrolled where, what they have done, how quizzes went.

Plain Django models, not pages. Rules that must hold under retries and double clicks
are database constraints, not just checks in Python.
"""

import math

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Changes an API client reading completions incrementally must see
# (reports/api/completions.py): an UPDATE touching one of them moves ``updated_at``.
TRACKED_FIELDS = frozenset(
    {"status", "completed_at", "organisation", "organisation_id", "school_class",
     "school_class_id", "source", "user", "user_id", "course", "course_id"}
)  # fmt: skip


class EnrolmentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if TRACKED_FIELDS & kwargs.keys():
            kwargs.setdefault("updated_at", timezone.now())
        return super().update(**kwargs)

    def active(self):
        return self.exclude(status=Enrolment.Status.WITHDRAWN)

    def for_user(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()


class Enrolment(models.Model):
    """A learner taking a course; at most one per learner and course."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-enrolled")
        CLASS = "class", _("Enrolled with their class")
        IMPORT = "import", _("Imported")
        # Completed on another platform and imported (reports/api/imports.py)
        EXTERNAL = "external", _("Completed elsewhere")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source, default=Source.SELF
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # Where "continue where you left off" goes: the lesson or quiz opened last.
    last_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_activity_at = models.DateTimeField(null=True, blank=True)
    # Denormalised for statistics over a million rows: set once when the enrolment is
    # made (the learner's unit and class then), so reports never join memberships.
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    school_class = models.ForeignKey(
        "people.SchoolClass",
        verbose_name=_("class"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    best_score = models.DecimalField(
        _("best quiz score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # When the oldest quiz still failed and not retried was failed (with attempts
    # left), else NULL: kept by courses/standing_failures.py for the straggler list.
    quiz_failed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When its issued certificate, not yet fetched by the holder, was issued, else
    # NULL: kept by certificates/unfetched.py, also for the straggler list.
    certificate_ready_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Moved by every save and by queryset updates of TRACKED_FIELDS: the API's
    # incremental reads (``updated_since``) and cursors key on (updated_at, id).
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="courses_enrolment_one_per_course"
            )
        ]
        indexes = [
            models.Index(fields=["course", "status"]),
            models.Index(fields=["completed_at"]),
            models.Index(fields=["organisation", "course"]),
            models.Index(fields=["school_class", "course"]),
            models.Index(fields=["enrolled_at"]),
            models.Index(
                fields=["quiz_failed_at"],
                condition=Q(quiz_failed_at__isnull=False),
                name="courses_enrolment_quiz_failed",
            ),
            models.Index(
                fields=["certificate_ready_at"],
                condition=Q(certificate_ready_at__isnull=False),
                name="courses_enrolment_cert_ready",
            ),
            models.Index(
                fields=["updated_at", "id"],
                condition=Q(completed_at__isnull=False),
                name="courses_enrolment_done_changes",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.course}"

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_completed(self):
        return self.completed_at is not None

    @staticmethod
    def placement_of(user_id):
        """(unit id, class id) of the learner's learner membership, one with a class
        and the newest first; (None, None) for someone who belongs nowhere."""
        from people.models import Membership

        row = (
            Membership.objects.placement(user_id)
            .values_list("organisation_id", "school_class_id")
            .first()
        )
        return row or (None, None)

    @classmethod
    def mark_started(cls, enrolment_id, when=None):
        """First lesson done or first quiz attempt: one cheap conditional UPDATE."""
        cls.objects.filter(pk=enrolment_id, started_at__isnull=True).update(
            started_at=when or timezone.now()
        )

    @classmethod
    def record_score(cls, enrolment_id, score):
        """Keep the best submitted quiz score of the enrolment."""
        cls.objects.filter(pk=enrolment_id).filter(
            Q(best_score__isnull=True) | Q(best_score__lt=score)
        ).update(best_score=score)


class LessonProgress(models.Model):
    """A lesson marked as done, once per enrolment."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="courses_lessonprogress_once"
            )
        ]

    def __str__(self):
        return f"{self.enrolment} – {self.lesson}"


class QuizAttemptQuerySet(models.QuerySet):
    def open(self):
        return self.filter(submitted_at__isnull=True)

    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def of_learner(self, user):
        """The signed-in learner's own attempts, in enrolments not withdrawn."""
        return self.filter(enrolment__in=Enrolment.objects.active().filter(user=user))


class QuizAttempt(models.Model):
    """One try at a quiz, with the questions frozen as they were served.

    ``snapshot`` holds the questions, the choices in the order shown and the correct
    answers, so editing the quiz later never changes this attempt. Only the server
    reads it; the browser gets question and choice texts alone until submission.
    ``number`` is unique per enrolment and quiz, which is what makes the attempt
    limit hold when two tabs start at once.
    """

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attempts"
    )
    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    snapshot = models.JSONField(default=list)
    # The seed the paper was drawn from (courses.papers.draw_paper); null for
    # attempts made before papers were drawn.
    seed = models.BigIntegerField(null=True, blank=True, editable=False)
    answers = models.JSONField(default=dict, blank=True)
    answers_saved_at = models.DateTimeField(null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(null=True, blank=True)
    question_count = models.PositiveSmallIntegerField(default=0)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # Submitted after the time limit: scored with the answers saved by the deadline.
    closed_late = models.BooleanField(default=False)
    # Submitted because the coordinator closed the quiz for the class (exam-day
    # switch): scored with the answers saved until then.
    closed_by_switch = models.BooleanField(default=False)
    # The class window the attempt was started in (exam quizzes), the time limit in
    # force then and the extra minutes given to the learner: the deadline is
    # min(start + limit, window end) + extra (courses/exam_windows.py).
    window = models.ForeignKey(
        "courses.QuizWindow",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
    )
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    extra_minutes = models.PositiveSmallIntegerField(default=0)
    # Integrity signals (courses.focus): how often the attempt's page lost focus or
    # went hidden, and for how long in all. Only ever raised; shown to the
    # coordinator as something to look at, never used in scoring.
    focus_lost_count = models.PositiveIntegerField(
        _("times the page was left"), default=0
    )
    focus_away_seconds = models.PositiveIntegerField(
        _("seconds away from the page"), default=0
    )

    objects = QuizAttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["enrolment", "quiz", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"],
                name="courses_quizattempt_number_once",
            ),
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="courses_quizattempt_one_open",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "passed"])]

    def __str__(self):
        return f"{self.enrolment} – {self.quiz} #{self.number}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None

    def seconds_left(self, now=None):
        """Whole seconds, rounded up: a page that counts down to 0 never submits
        before the server's deadline."""
        if self.deadline is None:
            return None
        left = (self.deadline - (now or timezone.now())).total_seconds()
        return max(0, math.ceil(left))


class QuestionResult(models.Model):
    """How one question of a submitted attempt was answered: rows for item analysis."""

    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="question_results"
    )
    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.CASCADE, related_name="+"
    )
    question_key = models.CharField(max_length=64)
    # The bank question and the version served (null for questions written in
    # the quiz page): item analysis groups by these across different papers.
    question = models.ForeignKey(
        "courses.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="results",
    )
    question_version = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField()
    # The chosen choice keys, sorted and comma-joined ("" when unanswered).
    selected = models.CharField(max_length=500, blank=True)
    is_correct = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_key"], name="courses_questionresult_once"
            )
        ]
        indexes = [
            models.Index(fields=["quiz", "question_key"]),
            models.Index(fields=["question", "question_version"]),
        ]

    def __str__(self):
        return f"{self.attempt} – {self.question_key}"


class ClassEnrolment(models.Model):
    """A class enrolled in a course by its coordinator; its students get enrolments.

    Kept so the class page can offer "enrol the students added since" in one click.
    """

    school_class = models.ForeignKey(
        "people.SchoolClass", on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="class_enrolments"
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("class enrolment")
        verbose_name_plural = _("class enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["school_class", "course"], name="courses_classenrolment_once"
            )
        ]

    def __str__(self):
        return f"{self.school_class} – {self.course}"
