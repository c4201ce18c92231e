"""What part of the organisation tree a coordinator or viewer may see.

A membership as coordinator or viewer on a unit covers that unit and everything below
it (treebeard paths make "below" a prefix match). Every coordinator and viewer page
and download asks here, and answers 404 for anything outside: an id from another
school must not even confirm that the object exists.
"""

from django.db.models import Q
from django.http import Http404

from .models import Membership, Organisation, SchoolClass

STAFF_ROLES = (Membership.Role.COORDINATOR, Membership.Role.VIEWER)


def scope_paths(user, roles=STAFF_ROLES):
    """Tree paths of the units the user holds one of ``roles`` on (cached per user)."""
    if not user.is_authenticated:
        return []
    cache = user.__dict__.setdefault("_scope_paths", {})
    if "all" not in cache:
        # Every role in one query: a page often asks for several sets of roles.
        cache["all"] = list(
            Membership.objects.filter(user=user).values_list(
                "role", "organisation__path"
            )
        )
    return [path for role, path in cache["all"] if role in roles]


def _under(paths, field="path"):
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def organisations_in_scope(user, roles=STAFF_ROLES):
    """The units the user may see: their units and all below."""
    return Organisation.objects.filter(_under(scope_paths(user, roles)))


def classes_in_scope(user, roles=STAFF_ROLES):
    return SchoolClass.objects.filter(
        _under(scope_paths(user, roles), "organisation__path")
    )


def is_coordinator(user):
    return bool(scope_paths(user, (Membership.Role.COORDINATOR,)))


def covers(user, organisation, roles=STAFF_ROLES):
    return any(organisation.path.startswith(p) for p in scope_paths(user, roles))


def class_for_coordinator(user, class_id):
    """The class with this id if the user coordinates it or a unit above; else 404."""
    school_class = (
        classes_in_scope(user, (Membership.Role.COORDINATOR,))
        .select_related("organisation")
        .filter(pk=class_id)
        .first()
    )
    if school_class is None:
        raise Http404
    return school_class
