"""The courses room's sections of a person's data copy (people/personal_data.py)."""

from django.utils.translation import gettext_lazy as _

from people.personal_data import Section, register

from .models import Enrolment, LessonProgress, Notice, QuizAttempt


def _enrolments(user):
    return Enrolment.objects.filter(user=user).values(
        "course__title",
        "source",
        "status",
        "enrolled_at",
        "started_at",
        "completed_at",
        "best_score",
        "organisation__name",
        "school_class__name",
    )


def _lessons(user):
    return (
        LessonProgress.objects.filter(enrolment__user=user)
        .order_by("completed_at")
        .values("enrolment__course__title", "lesson__title", "completed_at")
    )


def _attempts(user):
    return QuizAttempt.objects.filter(enrolment__user=user).values(
        "enrolment__course__title",
        "quiz__title",
        "number",
        "started_at",
        "submitted_at",
        "score",
        "passed",
        "answers",
        "focus_lost_count",
        "focus_away_seconds",
    )


def _notices(user):
    return (
        Notice.objects.filter(user=user)
        .order_by("created_at")
        .values("kind", "course__title", "created_at", "read_at", "dismissed_at")
    )


def register_sections():
    course = ("course__title", _("course"))
    register(
        Section(
            "enrolments",
            _("Courses"),
            (
                course,
                ("source", _("source")),
                ("status", _("status")),
                ("enrolled_at", _("enrolled at")),
                ("started_at", _("started at")),
                ("completed_at", _("completed at")),
                ("best_score", _("best quiz score (%)")),
                ("organisation__name", _("unit")),
                ("school_class__name", _("class")),
            ),
            _enrolments,
            order=20,
            choices={"source": Enrolment.Source, "status": Enrolment.Status},
        )
    )
    register(
        Section(
            "lesson_progress",
            _("Lessons done"),
            (
                ("enrolment__course__title", _("course")),
                ("lesson__title", _("lesson")),
                ("completed_at", _("completed at")),
            ),
            _lessons,
            order=30,
        )
    )
    register(
        Section(
            "quiz_attempts",
            _("Quiz attempts"),
            (
                ("enrolment__course__title", _("course")),
                ("quiz__title", _("quiz")),
                ("number", _("attempt number")),
                ("started_at", _("started at")),
                ("submitted_at", _("submitted at")),
                ("score", _("score (%)")),
                ("passed", _("passed")),
                ("focus_lost_count", _("times the page was left")),
            ),
            _attempts,
            order=40,
        )
    )
    register(
        Section(
            "notices",
            _("Reminders"),
            (
                ("kind", _("kind")),
                ("course__title", _("course")),
                ("created_at", _("created at")),
                ("read_at", _("read at")),
                ("dismissed_at", _("dismissed at")),
            ),
            _notices,
            order=50,
            choices={"kind": Notice.Kind},
        )
    )
