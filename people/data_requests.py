"""Requests to see, correct or erase personal data: filing, who sees them, handling.

Who may file: an adult learner for themselves; for a minor (under 18), the
coordinator of their school, on the guardian's written request (whose is recorded).
Who sees and handles: the coordinators of the request's unit and the department
administrators above it (people/scope.py rules, 404 outside). A request carries a
due date ``PERSONAL_DATA_REQUEST_DAYS`` after it was received; open ones past it
are overdue. Filing and handling each write a DATA_REQUEST audit entry in the same
transaction; handling an erasure runs people/erasure.py inside it too.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from . import audit
from .erasure import erase_user, unit_of
from .models import DataRequest, Membership, Organisation
from .scope import organisations_in_scope, scope_paths

ADULT_AGE = 18
HANDLERS = (Membership.Role.COORDINATOR, Membership.Role.ADMINISTRATOR)


class RequestRefused(Exception):
    """A request that cannot be filed or handled; the message is for the user."""


def is_minor(user, today=None):
    born = user.date_of_birth
    if born is None:
        return False
    today = today or timezone.localdate()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < ADULT_AGE


def due_on(received):
    days = settings.PERSONAL_DATA_REQUEST_DAYS
    return timezone.localdate(received) + timedelta(days=days)


def file_request(subject, filed_by, kind, *, guardian_name="", details="",
                 revoke_certificates=False):  # fmt: skip
    """Record a request; ``guardian_name`` set means a guardian's written one."""
    now = timezone.now()
    with transaction.atomic():
        request = DataRequest.objects.create(
            kind=kind,
            subject=subject,
            organisation=unit_of(subject),
            filed_by=filed_by,
            for_guardian=bool(guardian_name),
            guardian_name=guardian_name,
            details=details,
            revoke_certificates=(
                revoke_certificates and kind == DataRequest.Kind.ERASURE
            ),
            received_at=now,
            due_on=due_on(now),
        )
        _record(filed_by, request, "filed", guardian=guardian_name)
    return request


def open_request_of(subject, kind):
    return DataRequest.objects.open().filter(subject=subject, kind=kind).first()


def handle(data_request, actor, status, note=""):
    """Close a request as done or refused; a done erasure erases the person."""
    with transaction.atomic():
        current = DataRequest.objects.select_for_update().get(pk=data_request.pk)
        if current.status != DataRequest.Status.OPEN:
            raise RequestRefused("handled")
        if (
            status == DataRequest.Status.DONE
            and current.kind == DataRequest.Kind.ERASURE
        ):
            erase_user(
                current.subject,
                actor,
                revoke_certificates=current.revoke_certificates,
                data_request=current,
            )
        current.status = status
        current.handled_by = actor
        current.handled_at = timezone.now()
        current.note = note
        current.save(update_fields=["status", "handled_by", "handled_at", "note"])
        _record(actor, current, status)
    return current


def _record(actor, request, step, **extra):
    audit.record(
        actor,
        audit.Action.DATA_REQUEST,
        target_user=request.subject,
        organisation=request.organisation,
        after={"request_id": request.pk, "kind": request.kind, "step": step}
        | {k: v for k, v in extra.items() if v},
    )


# ----------------------------------------------------------------------- scope


def in_scope(user):
    """Q over DataRequest: the units the user coordinates or administers, and
    below; plus requests of people placed nowhere for province administrators."""
    condition = Q(pk__in=[])
    for path in scope_paths(user, HANDLERS):
        condition |= Q(organisation__path__startswith=path)
    roots = scope_paths(user, (Membership.Role.ADMINISTRATOR,))
    if any(len(path) == Organisation.steplen for path in roots):
        condition |= Q(organisation__isnull=True)
    return condition


def is_handler(user):
    return bool(scope_paths(user, HANDLERS))


def requests_for(user):
    return DataRequest.objects.filter(in_scope(user))


def request_for(user, request_id):
    """The request with this id if the user may see it; else 404."""
    found = (
        requests_for(user)
        .select_related("subject", "organisation", "filed_by", "handled_by")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def learner_for_coordinator(user, user_id):
    """A learner of a unit the user coordinates (the guardian's request is
    brought to their school); else 404."""
    place = (
        Membership.objects.learners()
        .filter(
            user_id=user_id,
            organisation__in=organisations_in_scope(
                user, (Membership.Role.COORDINATOR,)
            ),
        )
        .select_related("user")
        .first()
    )
    if place is None:
        raise Http404
    return place.user
