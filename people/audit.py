"""The audit log of role changes, moves and password resets: one ``record`` call.

Callers write the entry inside the transaction of the change itself, so a change
that rolls back leaves no entry and an entry never describes a change that did not
happen. ``entries_for`` is what a department administrator may read: entries about
units of their subtree only.
"""

from django.db import transaction
from django.db.models import Q

from .models import AuditEntry, Membership
from .scope import scope_paths

Action = AuditEntry.Action


def record(
    actor,
    action,
    *,
    target_user=None,
    organisation=None,
    other_organisation=None,
    before=None,
    after=None,
):
    """Write one entry. Must run inside the caller's ``transaction.atomic()``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() belongs inside the change's transaction")
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_user=target_user,
        organisation=organisation,
        other_organisation=other_organisation,
        before=before or {},
        after=after or {},
    )


def record_for_each(actor, action, target_users, **fields):
    """One entry per person in a single INSERT (a class's passwords reset at once).
    Same rule as ``record``: inside the change's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record_for_each() belongs inside the transaction")
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action=action,
            target_user=user,
            organisation=fields.get("organisation"),
            other_organisation=fields.get("other_organisation"),
            before=fields.get("before") or {},
            after=fields.get("after") or {},
        )
        for user in target_users
    )


def membership_facts(membership):
    """A membership as plain JSON, names copied (they may change later)."""
    school_class = membership.school_class
    return {
        "role": membership.role,
        "organisation_id": membership.organisation_id,
        "organisation": membership.organisation.name,
        "class_id": school_class.pk if school_class else None,
        "class": str(school_class) if school_class else "",
    }


def entries_for(user):
    """Entries about the units the user administers (their subtree), newest first."""
    condition = Q(pk__in=[])
    for path in scope_paths(user, (Membership.Role.ADMINISTRATOR,)):
        condition |= Q(organisation__path__startswith=path)
        condition |= Q(other_organisation__path__startswith=path)
    return AuditEntry.objects.filter(condition)
