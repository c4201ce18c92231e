"""Enrolment: a learner enrolling themselves, and a coordinator enrolling a class.

One home for both, so that views, the demo, benchmarks and tests enrol people the
same way, without a request. Both are idempotent and backed by the unique
(user, course) constraint: a double click or a repeated class enrolment changes
nothing, and a withdrawn enrolment is taken back in rather than duplicated.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from people.models import Membership

from .models import ClassEnrolment, Enrolment


class SelfEnrolmentClosed(Exception):
    """The course is assigned by coordinators; ``message`` is shown to the learner."""

    message = _(
        "This course is assigned by your coordinator; you cannot enrol yourself."
    )


def enrol_self(user, course):
    """Enrol ``user`` in ``course`` on their own: (enrolment, created).

    ``created`` is also true when a withdrawn enrolment is made active again (the
    learner sees it as a new enrolment). Raises SelfEnrolmentClosed when the course
    does not allow self-enrolment.
    """
    if not course.self_enrol:
        raise SelfEnrolmentClosed
    try:
        with transaction.atomic():
            unit_id, class_id = Enrolment.placement_of(user.pk)
            enrolment, created = Enrolment.objects.get_or_create(
                user=user,
                course=course,
                defaults={"organisation_id": unit_id, "school_class_id": class_id},
            )
    except IntegrityError:  # the same click twice at once
        enrolment, created = Enrolment.objects.get(user=user, course=course), False
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.save(update_fields=["status"])
        created = True
    return enrolment, created


def class_learner_ids(school_class):
    """The user ids of the class's learners (a queryset, for ``__in``)."""
    return Membership.objects.filter(
        school_class=school_class, role=Membership.Role.LEARNER
    ).values_list("user_id", flat=True)


def enrol_class(school_class, course, by=None):
    """Enrol every learner of the class; safe to repeat. Returns how many were added.

    Learners already enrolled (by themselves or another class) keep their enrolment;
    withdrawn ones are taken back in, since the coordinator asked for the class.
    """
    by_id = by.pk if by is not None else None
    with transaction.atomic():
        ClassEnrolment.objects.get_or_create(
            school_class=school_class, course=course, defaults={"enrolled_by": by}
        )
        learner_ids = set(class_learner_ids(school_class))
        existing = set(
            Enrolment.objects.filter(
                course=course, user_id__in=learner_ids
            ).values_list("user_id", flat=True)
        )
        add_class_enrolments(
            [(user_id, course.pk, by_id) for user_id in learner_ids - existing],
            organisation_id=school_class.organisation_id,
            school_class_id=school_class.pk,
        )
        # Self-enrolled before the class was: statistics now count them in the class.
        Enrolment.objects.filter(
            course=course, user_id__in=learner_ids, school_class__isnull=True
        ).update(
            organisation_id=school_class.organisation_id, school_class=school_class
        )
        Enrolment.objects.filter(
            course=course, user_id__in=learner_ids, status=Enrolment.Status.WITHDRAWN
        ).update(status=Enrolment.Status.ACTIVE)
    return len(learner_ids - existing)


def add_class_enrolments(rows, *, organisation_id, school_class_id):
    """Enrol learners through a class: one INSERT for (user id, course id,
    enrolled-by id) rows. An enrolment the learner already has in the course wins
    (a concurrent self-enrolment, a course they already take), harmlessly."""
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user_id=user_id,
                course_id=course_id,
                source=Enrolment.Source.CLASS,
                enrolled_by_id=enrolled_by_id,
                organisation_id=organisation_id,
                school_class_id=school_class_id,
            )
            for user_id, course_id, enrolled_by_id in rows
        ],
        ignore_conflicts=True,
    )


def unenrol_class(school_class, course):
    """Withdraw the class's unfinished enrolments; progress and results are kept."""
    with transaction.atomic():
        ClassEnrolment.objects.filter(school_class=school_class, course=course).delete()
        return (
            Enrolment.objects.filter(
                course=course,
                user_id__in=class_learner_ids(school_class),
                completed_at__isnull=True,
            )
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .update(status=Enrolment.Status.WITHDRAWN)
        )


def not_yet_enrolled(school_class, course_ids):
    """{course id: learners of the class without an active enrolment} (two queries)."""
    learners = list(class_learner_ids(school_class))
    enrolled = dict(
        Enrolment.objects.active()
        .filter(course_id__in=course_ids, user_id__in=learners)
        .values("course_id")
        .annotate(n=Count("pk"))
        .values_list("course_id", "n")
    )
    return {
        course_id: len(learners) - enrolled.get(course_id, 0)
        for course_id in course_ids
    }
