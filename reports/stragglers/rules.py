"""The four straggler rules, each one SQL query over the enrolments of a scope.

- not started: enrolled at least N days ago, no lesson done, no quiz tried;
- stalled: started at least N days ago and nothing opened for N days since
  (``Enrolment.last_activity_at``, set whenever a lesson or quiz is opened);
- quiz failed and not retried: the last submitted attempt at a quiz failed at least
  N days ago, no attempt after it, the quiz never passed, attempts left;
- certificate not downloaded: issued at least N days ago, never fetched by its
  holder (``Certificate.downloaded_at``).

Rules 1–3 count unfinished, not withdrawn enrolments. Each list annotates ``since``
(the moment its N days count from) and ``last_reminded_at``, in the same query.
Merged units count at their successor (reports/tree.py), as in the statistics.
"""

from datetime import timedelta

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment, Notice, QuizAttempt, QuizPage

from ..models import ReminderCap
from ..tree import UnitTree

Kind = Notice.Kind


def _attempt_limits():
    """Q over attempts: the attempt's number is below its course's limit. Quizzes
    sit under their course in the page tree; both are few, so the mapping is made
    here and the attempts' query joins nothing."""
    limits = dict(CoursePage.objects.values_list("path", "attempt_limit"))
    by_limit = {}
    for pk, path in QuizPage.objects.values_list("pk", "path"):
        course = next((p for p in limits if path.startswith(p)), None)
        if course is not None:
            by_limit.setdefault(limits[course], []).append(pk)
    condition = Q(pk__in=[])
    for limit, quizzes in by_limit.items():
        if limit is None:
            condition |= Q(quiz_id__in=quizzes)
        else:
            condition |= Q(quiz_id__in=quizzes, number__lt=limit)
    return condition


def _failed_attempts(cutoff):
    """Submitted, failed attempts at or before ``cutoff`` that are the last word on
    their quiz: nothing tried after them, never passed, attempts left. Not tied to
    an outer row, so the database finds them once for the whole list."""
    later = QuizAttempt.objects.filter(
        enrolment=OuterRef("enrolment"),
        quiz=OuterRef("quiz"),
        number__gt=OuterRef("number"),
    )
    passed = QuizAttempt.objects.filter(
        enrolment=OuterRef("enrolment"), quiz=OuterRef("quiz"), passed=True
    )
    return QuizAttempt.objects.filter(
        _attempt_limits(), passed=False, submitted_at__lte=cutoff
    ).filter(~Exists(later), ~Exists(passed))


def scoped(filters, tree=None):
    """Active enrolments under the filters' units (and course)."""
    tree = tree or UnitTree()
    queryset = Enrolment.objects.active().filter(
        organisation_id__in=tree.unit_ids_under(filters.scope_paths)
    )
    if filters.course is not None:
        queryset = queryset.filter(course=filters.course)
    return queryset


def stragglers(filters, now=None, tree=None):
    """The enrolments on the filters' list, with ``since``; not yet ordered."""
    cutoff = (now or timezone.now()) - timedelta(days=filters.days)
    queryset = scoped(filters, tree)
    reason = filters.reason
    if reason == Kind.CERTIFICATE_READY:
        # At most one live certificate per enrolment (a constraint): no doubles.
        return (
            queryset.annotate(
                ready=FilteredRelation(
                    "certificates",
                    condition=Q(
                        certificates__status=Certificate.Status.ISSUED,
                        certificates__downloaded_at__isnull=True,
                        certificates__issued_at__lte=cutoff,
                    ),
                )
            )
            .filter(ready__isnull=False)
            .annotate(since=F("ready__issued_at"))
        )
    unfinished = queryset.filter(completed_at__isnull=True)
    if reason == Kind.NOT_STARTED:
        return unfinished.filter(
            started_at__isnull=True, enrolled_at__lte=cutoff
        ).annotate(since=F("enrolled_at"))
    if reason == Kind.STALLED:
        return (
            unfinished.filter(started_at__lte=cutoff)
            .filter(Q(last_activity_at__isnull=True) | Q(last_activity_at__lte=cutoff))
            .annotate(since=F("started_at"))
        )
    if reason == Kind.QUIZ_FAILED:
        failed = _failed_attempts(cutoff)
        last_failed = failed.filter(enrolment=OuterRef("pk")).order_by("-submitted_at")
        return unfinished.filter(pk__in=failed.values("enrolment_id")).annotate(
            since=Subquery(last_failed.values("submitted_at")[:1])
        )
    raise ValueError(reason)


def page_rows(filters, now=None, tree=None):
    """The list as the page shows it: learner, class, course and the last reminder
    joined in, earliest enrolled first (one query per page, plus the paginator's
    count). Ordered by an indexed column, not by ``since``: the database then
    works out ``since`` and the last reminder for the page's rows alone."""
    last = ReminderCap.objects.filter(learner=OuterRef("user_id")).values(
        "last_reminded_at"
    )
    return (
        stragglers(filters, now, tree)
        .annotate(last_reminded_at=Subquery(last[:1]))
        .select_related("user", "course", "school_class", "organisation")
        .only(
            "pk",
            "enrolled_at",
            "started_at",
            "last_activity_at",
            "user__full_name",
            "user__username",
            "user__email",
            "course__title",
            "school_class__name",
            "organisation__name",
        )
        .order_by("enrolled_at", "pk")
    )
