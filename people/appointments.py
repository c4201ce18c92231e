"""Giving and taking away coordinator and viewer roles: the department's screens
call these, each change one transaction with its audit entry (people/audit.py)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import audit
from .admin_scope import APPOINTABLE, administers
from .models import Membership


class ChangeRefused(Exception):
    """A change that makes no sense or is not the administrator's to make; the
    message is shown to them as it is."""


def appoint(actor, person, unit, role):
    """Make ``person`` a coordinator or viewer of ``unit``; returns the membership."""
    if role not in APPOINTABLE:
        raise ChangeRefused(_("This role cannot be given here."))
    if not administers(actor, unit):
        raise ChangeRefused(_("This unit is not in the area you administer."))
    if not person.is_active:
        raise ChangeRefused(_("This account is deactivated."))
    exists = Membership.objects.filter(
        user=person, organisation=unit, role=role, school_class__isnull=True
    ).exists()
    if exists:
        raise ChangeRefused(_("This person already has this role in this unit."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=person, organisation=unit, role=role
            )
            audit.record(
                actor,
                audit.Action.APPOINT,
                target_user=person,
                organisation=unit,
                after=audit.membership_facts(membership),
            )
    except IntegrityError:  # the same appointment made at the same moment
        raise ChangeRefused(
            _("This person already has this role in this unit.")
        ) from None
    return membership


def remove(actor, person, membership_id):
    """Take away one coordinator or viewer role of ``person``; returns the number
    of coordinators the unit has left (the page warns when it has none)."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .filter(pk=membership_id, user=person, role__in=APPOINTABLE)
            .select_related("organisation", "school_class")
            .first()
        )
        if membership is None or not administers(actor, membership.organisation):
            raise ChangeRefused(
                _("This role does not exist or is not yours to remove.")
            )
        before = audit.membership_facts(membership)
        unit = membership.organisation
        membership.delete()
        audit.record(
            actor,
            audit.Action.REMOVE_ROLE,
            target_user=person,
            organisation=unit,
            before=before,
        )
        left = Membership.objects.filter(
            organisation=unit, role=Membership.Role.COORDINATOR
        ).count()
    return unit, left
