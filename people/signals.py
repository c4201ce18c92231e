"""Forget cached role flags when a membership changes (people.context_processors),
and the cached user when a user changes (people/user_cache.py). Keep units with an
official code: deleting one would free its code for reuse. ``user_erased`` tells the
rooms above that an account was anonymised (people/erasure.py)."""

from django.core.cache import cache
from django.db.models import ProtectedError
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import Signal, receiver

from .context_processors import role_cache_key
from .models import ExternalIdentity, Membership, Organisation, User
from .user_cache import forget_users

# Sent inside the erasure's transaction with ``user``, ``actor`` and
# ``revoke_certificates``: receivers anonymise or delete their own per-user rows,
# and a receiver that fails undoes the whole erasure.
user_erased = Signal()


@receiver([post_save, post_delete], sender=Membership)
def forget_roles(sender, instance, raw=False, **kwargs):
    if not raw:
        cache.delete(role_cache_key(instance.user_id))


@receiver([post_save, post_delete], sender=User)
def forget_user(sender, instance, raw=False, **kwargs):
    if not raw:
        forget_users([instance.pk])


@receiver(pre_delete, sender=Organisation)
def keep_official_units(sender, instance, **kwargs):
    if instance.official_code:
        raise ProtectedError(
            f"{instance.name} ({instance.official_code}): an official code is never "
            "reused, so the unit is retired (active until), not deleted.",
            {instance},
        )


@receiver(user_erased)
def forget_sign_in_identities(sender, user, **kwargs):
    """An erased account keeps no way in through an outside provider (VNeID):
    its links go (people/oidc/linking.py)."""
    ExternalIdentity.objects.filter(user=user).delete()
