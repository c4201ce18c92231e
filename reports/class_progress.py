"""One row per student of a class for a course: the coordinator's progress table.

Everything is computed in one SQL query with correlated subqueries, whatever the
size of the class.
"""

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from courses.completion import course_items
from courses.models import Enrolment, LessonProgress, QuizAttempt
from people.models import Membership, User

STATUSES = ("not_enrolled", "not_started", "in_progress", "completed")


def class_progress(school_class, course, status=None):
    lessons, quizzes = course_items(course)
    total = len(lessons) + len(quizzes)
    enrolment = Enrolment.objects.active().filter(user=OuterRef("pk"), course=course)
    done = (
        LessonProgress.objects.filter(
            enrolment__user=OuterRef("pk"),
            enrolment__course=course,
            lesson_id__in=lessons,
        )
        .order_by()
        .values("enrolment__user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    passed = (
        QuizAttempt.objects.filter(
            enrolment__user=OuterRef("pk"),
            enrolment__course=course,
            quiz_id__in=quizzes,
            passed=True,
        )
        .order_by()
        .values("enrolment__user")
        .annotate(n=Count("quiz_id", distinct=True))
        .values("n")
    )
    best = (
        QuizAttempt.objects.filter(
            enrolment__user=OuterRef("pk"),
            enrolment__course=course,
            submitted_at__isnull=False,
        )
        .order_by()
        .values("enrolment__user")
        .annotate(best=Max("score"))
        .values("best")
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
