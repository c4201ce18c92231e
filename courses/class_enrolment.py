"""Enrolling whole classes, and the exam-day switch that opens a quiz for a class."""

from django.db import transaction
from django.db.models import Count

from people.models import Membership

from .exam_windows import quiz_open_for, set_quiz_window
from .models import ClassEnrolment, Enrolment

# The exam-day gate and switch live in courses.exam_windows; imported from here too.
__all__ = ["quiz_open_for", "set_quiz_window"]


def class_learner_ids(school_class):
    return Membership.objects.filter(
        school_class=school_class, role=Membership.Role.LEARNER
    ).values_list("user_id", flat=True)


def enrol_class(school_class, course, by=None):
    """Enrol every learner of the class; safe to repeat. Returns how many were added.

    Learners already enrolled (by themselves or another class) keep their enrolment;
    withdrawn ones are taken back in, since the coordinator asked for the class.
    """
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
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user_id=user_id,
                    course=course,
                    source=Enrolment.Source.CLASS,
                    enrolled_by=by,
                    organisation_id=school_class.organisation_id,
                    school_class=school_class,
                )
                for user_id in learner_ids - existing
            ],
            ignore_conflicts=True,  # a concurrent self-enrolment wins, harmlessly
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
