"""What a learner's move does to their enrolments (people/transfers.py explains
the choice): unfinished ones follow the learner, completed ones stay where they
were earned, and the new class's courses are joined."""

from django.db.models import Q

from .enrolment import add_class_enrolments
from .models import ClassEnrolment, Enrolment


def follow_move(
    *,
    user_id,
    from_organisation_id,
    from_class_id,
    to_organisation_id,
    to_class_id,
    **kwargs,
):
    """Receiver of ``people.transfers.learner_moved`` (inside the move's
    transaction): two UPDATE/INSERT statements, whatever the number of courses."""
    same_place = Q(school_class_id__isnull=True)
    if from_class_id is not None:
        same_place |= Q(school_class_id=from_class_id)
    Enrolment.objects.filter(
        same_place,
        user_id=user_id,
        organisation_id=from_organisation_id,
        completed_at__isnull=True,
    ).update(organisation_id=to_organisation_id, school_class_id=to_class_id)
    if to_class_id is None:
        return
    course_ids = ClassEnrolment.objects.filter(school_class_id=to_class_id).values_list(
        "course_id", "enrolled_by_id"
    )
    add_class_enrolments(  # courses the learner already takes keep their record
        [(user_id, course_id, by_id) for course_id, by_id in course_ids],
        organisation_id=to_organisation_id,
        school_class_id=to_class_id,
    )
