"""Moving a learner to another unit or class, at the department's request.

History: the learner's membership is re-pointed to the new place (every page of
the portal reads current memberships, so the old school's coordinator stops seeing
the learner at once) and a ``Transfer`` row keeps where they were, when, and who
moved them; the audit log has the same facts.

Results and certificates: they hang on the learner's enrolments (one per learner
and course), which are never deleted or copied, so they stay with the learner.

Statistics — the choice made here: every enrolment carries the unit and class it
counts under (``Enrolment.organisation``/``school_class``, set when it is made, so
that reports never join memberships; courses migration 0005). After a move
(``learner_moved``, handled in courses/signal_handlers.py, same transaction):

- completed enrolments keep their unit: a completion, its score and certificate
  count where they were earned, and no past figure of any unit changes;
- unfinished enrolments that counted under the old place now count under the new
  one: the completion that follows happens there, and the new unit's coordinator
  follows that course;
- enrolments made after the move find the new membership
  (``Enrolment.placement_of``), and the learner joins the class courses of the new
  class.

The price, taken knowingly: the old unit's "enrolled" and "started" figures lose
the unfinished courses of a learner who left (the unit that will see them finish
owns them). Splitting an enrolment at the move date is impossible — one enrolment
per learner and course — and would count the learner twice.
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .admin_scope import LEARNER_UNITS, administers
from .appointments import ChangeRefused
from .models import Membership, Transfer

# Sent inside the move's transaction with: user_id, from_organisation_id,
# from_class_id, to_organisation_id, to_class_id, moved_at.
learner_moved = Signal()


def learner_places(person):
    """The learner memberships of ``person``, with their unit and class."""
    return (
        Membership.objects.filter(user=person, role=Membership.Role.LEARNER)
        .select_related("organisation", "school_class")
        .order_by("-school_class__school_year", "-pk")
    )


def move_learner(actor, person, membership_id, to_unit, to_class=None):
    """Move one learner place of ``person`` to ``to_unit`` (and ``to_class``, a
    class of that unit, if given). All or nothing; returns the ``Transfer``."""
    if to_class is not None and to_class.organisation_id != to_unit.pk:
        raise ChangeRefused(_("This class does not belong to the chosen unit."))
    if not administers(actor, to_unit):
        raise ChangeRefused(_("This unit is not in the area you administer."))
    if to_unit.kind not in LEARNER_UNITS:
        raise ChangeRefused(_("Learners belong to a school or a service centre."))
    if to_unit.succeeded_by_id is not None:
        raise ChangeRefused(_("This unit has merged into another one."))
    with transaction.atomic():
        membership = (
            learner_places(person)
            .select_for_update(of=("self",))
            .filter(pk=membership_id)
        ).first()
        if membership is None or not administers(actor, membership.organisation):
            raise ChangeRefused(
                _("This learner place does not exist or is not in your area.")
            )
        if membership.organisation_id == to_unit.pk and membership.school_class_id == (
            to_class.pk if to_class else None
        ):
            raise ChangeRefused(_("The learner is already there."))
        there = Membership.objects.filter(
            user=person, role=Membership.Role.LEARNER, organisation=to_unit
        )
        there = (
            there.filter(school_class=to_class)
            if to_class
            else there.filter(school_class__isnull=True)
        )
        if there.exists():
            raise ChangeRefused(_("The learner is already there."))
        before = audit.membership_facts(membership)
        old_unit, old_class = membership.organisation, membership.school_class
        membership.organisation, membership.school_class = to_unit, to_class
        membership.save(update_fields=["organisation", "school_class"])
        moved_at = timezone.now()
        transfer = Transfer.objects.create(
            user=person,
            from_organisation=old_unit,
            from_class=old_class,
            to_organisation=to_unit,
            to_class=to_class,
            moved_at=moved_at,
            moved_by=actor,
        )
        audit.record(
            actor,
            audit.Action.MOVE,
            target_user=person,
            organisation=to_unit,
            other_organisation=old_unit,
            before=before,
            after=audit.membership_facts(membership),
        )
        learner_moved.send(
            sender=Transfer,
            user_id=person.pk,
            from_organisation_id=old_unit.pk,
            from_class_id=old_class.pk if old_class else None,
            to_organisation_id=to_unit.pk,
            to_class_id=to_class.pk if to_class else None,
            moved_at=moved_at,
        )
    return transfer
