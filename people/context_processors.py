"""Navigation facts about the signed-in user, without a query on every page."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .models import Membership
from .scope import STAFF_ROLES

ROLE_CACHE_SECONDS = 300
NAV_ROLES = (*STAFF_ROLES, Membership.Role.ADMINISTRATOR)


def role_cache_key(user_id):
    return f"people:staff-roles:{user_id}"


def _cached_staff_roles(user):
    """The staff roles (coordinator, viewer, administrator) the user holds anywhere;
    cached, and
    dropped by people/signals.py whenever their memberships change."""
    key = role_cache_key(user.pk)
    value = cache.get(key)
    if value is None:
        # One query for every role the header needs, whatever their number.
        value = frozenset(
            Membership.objects.filter(user=user, role__in=NAV_ROLES)
            .values_list("role", flat=True)
            .distinct()
        )
        cache.set(key, value, ROLE_CACHE_SECONDS)
    return value


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "is_coordinator": False,
            "sees_statistics": False,
            "is_department_admin": False,
        }
    staff_roles = SimpleLazyObject(lambda: _cached_staff_roles(user))
    return {
        "is_coordinator": SimpleLazyObject(
            lambda: Membership.Role.COORDINATOR in staff_roles
        ),
        # The statistics are for coordinators, department viewers and superusers.
        "sees_statistics": SimpleLazyObject(
            lambda: (
                user.is_superuser or any(role in staff_roles for role in STAFF_ROLES)
            )
        ),
        "is_department_admin": SimpleLazyObject(
            lambda: Membership.Role.ADMINISTRATOR in staff_roles
        ),
    }
