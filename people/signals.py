"""Forget cached role flags when a membership changes (people.context_processors)."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .context_processors import role_cache_key
from .models import Membership


@receiver([post_save, post_delete], sender=Membership)
def forget_roles(sender, instance, raw=False, **kwargs):
    if not raw:
        cache.delete(role_cache_key(instance.user_id))
