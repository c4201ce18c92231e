"""Programmes for learners: how far along each one is, and recording completion.

The one home of a programme's rule. A completion is recorded when a course
completion makes the rule true (``on_course_completed``, a receiver of
``course_completed``), once per learner and programme by a database constraint,
and announced once with ``programme_completed`` after the commit.
"""

import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q

from .access import audiences_for
from .models import Enrolment, Programme, ProgrammeCompletion, ProgrammeCourse
from .signals import programme_completed

logger = logging.getLogger(__name__)


@dataclass
class ProgrammeProgress:
    """A programme as one learner stands in it; ``courses`` are (course, state)."""

    programme: Programme
    courses: list = field(default_factory=list)
    completion: ProgrammeCompletion | None = None

    @property
    def done(self):
        return sum(1 for _course, state in self.courses if state == "completed")

    @property
    def total(self):
        return len(self.courses)

    @property
    def needed(self):
        return self.programme.needed(self.total)

    @property
    def rule_met(self):
        return self.total > 0 and self.done >= self.needed


def courses_by_programme(programme_ids):
    """{programme id: [live course, …]} in the programme's order (one query)."""
    found = {pk: [] for pk in programme_ids}
    rows = (
        ProgrammeCourse.objects.filter(
            programme_id__in=programme_ids, course__live=True
        )
        .select_related("course")
        .order_by("programme_id", "sort_order", "pk")
    )
    for row in rows:
        found[row.programme_id].append(row.course)
    return found


def _state(enrolment):
    if enrolment is None:
        return "not_enrolled"
    return "completed" if enrolment.completed_at else "in_progress"


def progress_of(user, programmes, enrolments):
    """ProgrammeProgress for each of ``programmes``, given the learner's active
    enrolments (already loaded by the caller). Two queries whatever the sizes."""
    programmes = list(programmes)
    if not programmes:
        return []
    ids = [p.pk for p in programmes]
    courses = courses_by_programme(ids)
    by_course = {e.course_id: e for e in enrolments}
    completions = {
        c.programme_id: c
        for c in ProgrammeCompletion.objects.filter(user=user, programme_id__in=ids)
    }
    return [
        ProgrammeProgress(
            programme=p,
            courses=[(c, _state(by_course.get(c.pk))) for c in courses[p.pk]],
            completion=completions.get(p.pk),
        )
        for p in programmes
    ]


def programmes_for_learner(user, enrolments):
    """My learning: the programmes the learner has a course of, or that are for
    one of their audiences, with their progress (three queries)."""
    course_ids = [e.course_id for e in enrolments]
    programmes = (
        Programme.objects.filter(
            Q(programme_courses__course_id__in=course_ids)
            | Q(audience__in=audiences_for(user))
        )
        .distinct()
        .order_by("title")
    )
    return [p for p in progress_of(user, programmes, enrolments) if p.total]


# --------------------------------------------------------------------- completion


def record_completions(enrolment):
    """Record a completion for every programme of the enrolment's course whose
    rule the learner now meets; returns the completions newly recorded.

    Safe to run twice (and concurrently): the constraint keeps one per learner
    and programme, and only the call that created one announces it.
    """
    user = enrolment.user
    programmes = Programme.objects.filter(programme_courses__course=enrolment.course_id)
    programmes = list(programmes.distinct())
    if not programmes:
        return []
    enrolments = list(
        Enrolment.objects.active().filter(user=user, completed_at__isnull=False)
    )
    recorded = []
    for progress in progress_of(user, programmes, enrolments):
        if progress.completion is not None or not progress.rule_met:
            continue
        try:
            with transaction.atomic():
                completion = ProgrammeCompletion.objects.create(
                    programme=progress.programme,
                    user=user,
                    organisation_id=enrolment.organisation_id,
                )
        except IntegrityError:  # a concurrent call recorded it first
            continue
        recorded.append(completion)
        completion_pk = completion.pk
        transaction.on_commit(
            lambda pk=completion_pk: programme_completed.send(
                sender=ProgrammeCompletion,
                completion=ProgrammeCompletion.objects.get(pk=pk),
            )
        )
    return recorded


def on_course_completed(sender, enrolment, **kwargs):
    """Sent after the commit that recorded a course completion."""
    with transaction.atomic():
        record_completions(enrolment)
