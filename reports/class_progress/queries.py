"""One row per student of a class for a course: the coordinator's progress table.

Everything is computed in one SQL query with correlated subqueries, whatever the
size of the class.
"""

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from courses.completion import course_items
from courses.models import Enrolment, LessonProgress, QuizAttempt
from people.models import Membership, User

from .. import statuses

STATUSES = (
    statuses.NOT_ENROLLED,
    statuses.NOT_STARTED,
    statuses.IN_PROGRESS,
    statuses.COMPLETED,
)


def _per_student(queryset, course, aggregate):
    """One aggregate of the outer student's records in ``course``, as a subquery."""
    return (
        queryset.filter(enrolment__user=OuterRef("pk"), enrolment__course=course)
        .order_by()
        .values("enrolment__user")
        .annotate(value=aggregate)
        .values("value")
    )


def class_progress(school_class, course, status=None):
    lessons, quizzes = course_items(course)
    total = len(lessons) + len(quizzes)
    enrolment = Enrolment.objects.active().filter(user=OuterRef("pk"), course=course)
    done = _per_student(
        LessonProgress.objects.filter(lesson_id__in=lessons), course, Count("pk")
    )
    passed = _per_student(
        QuizAttempt.objects.filter(quiz_id__in=quizzes, passed=True),
        course,
        Count("quiz_id", distinct=True),
    )
    best = _per_student(
        QuizAttempt.objects.filter(submitted_at__isnull=False), course, Max("score")
    )
    rows = (
        User.objects.filter(
            pk__in=Membership.objects.filter(
                school_class=school_class, role=Membership.Role.LEARNER
            ).values("user_id")
        )
        .annotate(
            enrolment_id=Subquery(enrolment.values("pk")[:1]),
            completed_at=Subquery(enrolment.values("completed_at")[:1]),
            items_done=Coalesce(Subquery(done, output_field=IntegerField()), Value(0))
            + Coalesce(Subquery(passed, output_field=IntegerField()), Value(0)),
            best_score=Subquery(best),
        )
        .order_by("name_sort_key", "pk")
    )
    if status == "not_enrolled":
        rows = rows.filter(enrolment_id__isnull=True)
    elif status == "not_started":
        rows = rows.filter(
            enrolment_id__isnull=False, items_done=0, best_score__isnull=True
        )
    elif status == "in_progress":
        rows = rows.filter(
            enrolment_id__isnull=False, completed_at__isnull=True
        ).filter(~Q(items_done=0) | Q(best_score__isnull=False))
    elif status == "completed":
        rows = rows.filter(completed_at__isnull=False)
    return rows, total
