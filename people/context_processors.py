"""Navigation facts about the signed-in user, without a query on every page."""

from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from .scope import is_coordinator

ROLE_CACHE_SECONDS = 300


def role_cache_key(user_id):
    return f"people:is-coordinator:{user_id}"


def _cached_is_coordinator(user):
    key = role_cache_key(user.pk)
    value = cache.get(key)
    if value is None:
        value = is_coordinator(user)
        cache.set(key, value, ROLE_CACHE_SECONDS)
    return value


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_coordinator": False}
    return {"is_coordinator": SimpleLazyObject(lambda: _cached_is_coordinator(user))}
