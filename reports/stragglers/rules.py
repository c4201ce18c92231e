"""The four straggler rules, each one SQL query over the enrolments of a scope.

- not started: enrolled at least N days ago, no lesson done, no quiz tried;
- stalled: started at least N days ago and nothing opened for N days since
  (``Enrolment.last_activity_at``, set whenever a lesson or quiz is opened);
- quiz failed and not retried: a quiz whose last attempt failed at least N days ago,
  never passed, with attempts left (``Enrolment.quiz_failed_at``, the oldest such
  failure, kept by courses/standing_failures.py);
- certificate not downloaded: issued at least N days ago, never fetched by its
  holder (``Enrolment.certificate_ready_at``, kept by certificates/unfetched.py).

Rules 1–3 count unfinished, not withdrawn enrolments. Each list annotates ``since``
(the moment its N days count from) and ``last_reminded_at``, in the same query.
Merged units count at their successor (reports/tree.py), as in the statistics.
"""

from datetime import timedelta

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from courses.models import Enrolment, Notice

from ..models import ReminderCap
from ..tree import UnitTree

Kind = Notice.Kind


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
        # Kept on the enrolment as certificates change (certificates/unfetched.py).
        return queryset.filter(certificate_ready_at__lte=cutoff).annotate(
            since=F("certificate_ready_at")
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
        # Kept on the enrolment by the quiz engine (courses/standing_failures.py).
        return unfinished.filter(quiz_failed_at__lte=cutoff).annotate(
            since=F("quiz_failed_at")
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
