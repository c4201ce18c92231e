"""Who may see and do what in a course: one place for the learner-side checks."""

from django.db.models import Q

from .models import Audience, Enrolment


def enrolment_for(user, course):
    """The learner's active enrolment in a course, or None."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.active()
        .filter(user=user, course=course)
        .select_related("course")
        .first()
    )


def is_staff_reader(user):
    """Editors and admins may read lessons without enrolling (nothing is recorded)."""
    return user.is_authenticated and user.has_perm("wagtailadmin.access_admin")


def audiences_for(user):
    """The audiences a learner belongs to, from the kinds of their units.

    An audience with no unit kind is for everyone. Anonymous visitors get none, so
    the catalogue shows them every course.
    """
    if not user.is_authenticated:
        return Audience.objects.none()
    kinds = user.memberships.values("organisation__kind")
    return Audience.objects.filter(
        Q(organisation_kind__in=kinds) | Q(organisation_kind="")
    )
