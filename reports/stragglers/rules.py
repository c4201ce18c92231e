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

from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrolment, Notice, QuizAttempt

from ..models import ReminderCap
from ..tree import UnitTree

Kind = Notice.Kind


def _failed_attempts(cutoff):
    """Submitted, failed attempts at or before ``cutoff`` that are the last word on
    their quiz: nothing tried after them, never passed, attempts left."""
    later = QuizAttempt.objects.filter(
        enrolment=OuterRef("enrolment"),
        quiz=OuterRef("quiz"),
        number__gt=OuterRef("number"),
    )
    passed = QuizAttempt.objects.filter(
        enrolment=OuterRef("enrolment"), quiz=OuterRef("quiz"), passed=True
    )
    # The limit is read from the outer row's course (no join in here); no limit
    # counts as more attempts than a number can hold.
    limit = Coalesce(OuterRef("course__attempt_limit"), Value(2**15 - 1))
    return QuizAttempt.objects.filter(
        enrolment=OuterRef("pk"),
        passed=False,
        submitted_at__lte=cutoff,
        number__lt=limit,
    ).filter(~Exists(later), ~Exists(passed))


def _ready_certificates(cutoff):
    return Certificate.objects.filter(
        enrolment=OuterRef("pk"),
        status=Certificate.Status.ISSUED,
        downloaded_at__isnull=True,
        issued_at__lte=cutoff,
    )


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
        ready = _ready_certificates(cutoff)
        return queryset.filter(Exists(ready)).annotate(
            since=Subquery(ready.order_by("issued_at").values("issued_at")[:1])
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
        return unfinished.filter(Exists(failed)).annotate(
            since=Subquery(failed.order_by("-submitted_at").values("submitted_at")[:1])
        )
    raise ValueError(reason)


def page_rows(filters, now=None, tree=None):
    """The list as the page shows it: learner, class, course and the last reminder
    joined in, oldest first (one query per page, plus the paginator's count)."""
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
        .order_by("since", "pk")
    )
