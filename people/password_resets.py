"""New temporary passwords handed out by a coordinator, safely.

- Whom a coordinator may reset: only plain learners wholly inside their scope. An
  account that is staff, administrator, editor (any group or permission), viewer or
  coordinator anywhere, or that also learns at a unit outside the coordinator's
  scope, is refused (issue 14, finding 1: a coordinator took over a viewer's account).
- Password and slip are one unit: the slip PDF is rendered inside the transaction
  that stores the passwords, so no password changes unless its slip exists.
- The owner is told: an e-mail if the account has an address, and a notice at the
  next sign-in, shown once.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.queueing import publish

from . import access_log, audit
from .accounts import hash_temporary_password, temporary_password
from .models import AuditEntry, Membership, User
from .rosters.jobs import slip_context
from .rosters.slips import Slip, render_slips, sort_slips
from .scope import scope_paths
from .tasks import send_email
from .user_cache import forget_users

logger = logging.getLogger(__name__)

REFUSED_ADMIN = gettext_lazy("it is an administrator account")
REFUSED_STAFF = gettext_lazy("it may sign in to the administration")
REFUSED_EDITOR = gettext_lazy("it is a content editor")
REFUSED_ROLE = gettext_lazy("it is a coordinator or statistics viewer")
REFUSED_OUTSIDE = gettext_lazy("it also belongs to a unit outside your scope")


class SlipFailed(Exception):
    """The slips could not be printed; nothing was written."""


def reset_refusals(coordinator, users):
    """{user id: why ``coordinator`` may not reset it} for those refused (3 queries
    for any number of users)."""
    users = list(users)
    ids = [user.pk for user in users]
    own = scope_paths(coordinator, (Membership.Role.COORDINATOR,))
    refusals = {}
    for user in users:
        if user.is_superuser:
            refusals[user.pk] = REFUSED_ADMIN
        elif user.is_staff:
            refusals[user.pk] = REFUSED_STAFF
    editors = set(
        User.groups.through.objects.filter(user_id__in=ids).values_list(
            "user_id", flat=True
        )
    ) | set(
        User.user_permissions.through.objects.filter(user_id__in=ids).values_list(
            "user_id", flat=True
        )
    )
    for user_id in editors:
        refusals.setdefault(user_id, REFUSED_EDITOR)
    roles = Membership.objects.filter(user_id__in=ids).values_list(
        "user_id", "role", "organisation__path"
    )
    for user_id, role, path in roles:
        if role != Membership.Role.LEARNER:
            refusals.setdefault(user_id, REFUSED_ROLE)
        elif not any(path.startswith(prefix) for prefix in own):
            refusals.setdefault(user_id, REFUSED_OUTSIDE)
    return refusals


def refusal_message(user, reason):
    return _(
        "The password of %(name)s (%(username)s) was not reset: %(reason)s. "
        "Only an administrator may reset it."
    ) % {"name": user.full_name, "username": user.username, "reason": reason}


def issue_passwords(students, school_class, *, actor, new_accounts=()):
    """New temporary passwords for ``students`` and their slips as PDF bytes, in one
    transaction (call inside ``transaction.atomic`` when creating accounts too).

    ``new_accounts`` are students just created: they get no "reset" notice.
    Raises SlipFailed, with nothing written, if the slips cannot be printed.
    """
    now = timezone.now()
    fresh = {user.pk for user in new_accounts}
    slips = []
    for student in students:
        password = temporary_password()
        student.password = hash_temporary_password(password)
        student.must_change_password = True
        if student.pk not in fresh:
            student.reset_notice_at = now
            student.reset_notice_by = actor.get_full_name()[:150]
        slips.append(
            Slip(
                student.full_name,
                school_class.name,
                school_class.organisation.name,
                student.username,
                password,
            )
        )
    context = slip_context()
    with transaction.atomic():
        try:
            pdf = render_slips(sort_slips(slips), **context)
        except Exception as error:
            logger.exception("login slips for class %s failed", school_class.pk)
            raise SlipFailed from error
        User.objects.bulk_update(
            students,
            ["password", "must_change_password", "reset_notice_at", "reset_notice_by"],
        )
        # bulk_update sends no signal: drop the cached users, or old sessions would
        # still match their old password.
        forget_users([student.pk for student in students])
        reset = [s for s in students if s.pk not in fresh]
        for student in reset:
            _tell_owner(student, actor, now, context["portal_name"])
        if reset:
            _audit_reset(actor, reset, school_class)
        access_log.log_views(
            actor,
            students,
            access_log.LOGIN_SLIPS,
            organisation=school_class.organisation,
            **_class_facts(school_class),
        )
    return pdf


def _audit_reset(actor, students, school_class):
    """One audit entry per reset account, in the reset's own transaction."""
    audit.record_for_each(
        actor,
        AuditEntry.Action.RESET_PASSWORD,
        students,
        organisation=school_class.organisation,
        after=_class_facts(school_class),
    )


def _class_facts(school_class):
    return {"class_id": school_class.pk, "class": str(school_class)}


def _when(moment):
    """ "14:05 on 05/12/2026" ("14:05 ngày 05/12/2026")."""
    moment = timezone.localtime(moment)
    return _("%(time)s on %(date)s") % {
        "time": format_date(moment, "H:i"),
        "date": format_date(moment, "d/m/Y"),
    }


def _tell_owner(student, actor, moment, portal):
    """An e-mail to the owner, sent once the reset is committed."""
    if not student.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your password on %(portal)s was reset") % {"portal": portal}
        body = _(
            "Hello %(name)s,\n\n"
            "The password of your account %(username)s was reset by %(by)s at "
            "%(when)s. The new temporary password is printed on a login slip that "
            "%(by)s holds.\n\n"
            "If you did not ask for this, tell your school or the portal's "
            "administrator at once.\n"
        ) % {
            "name": student.get_full_name(),
            "username": student.username,
            "by": actor.get_full_name(),
            "when": _when(moment),
        }
    address = student.email
    transaction.on_commit(lambda: publish(send_email, subject, body, [address]))


@receiver(user_logged_in)
def show_reset_notice(sender, request, user, **kwargs):
    """Tell the owner, once, at the next sign-in, who reset their password."""
    if getattr(user, "reset_notice_at", None) is None:
        return
    if not hasattr(request, "_messages"):
        return  # no page to show it on (a test client's force_login): keep it
    messages.warning(
        request,
        _("Your password was reset by %(by)s at %(when)s.")
        % {"by": user.reset_notice_by, "when": _when(user.reset_notice_at)},
    )
    User.objects.filter(pk=user.pk).update(reset_notice_at=None, reset_notice_by="")
    user.reset_notice_at, user.reset_notice_by = None, ""
    forget_users([user.pk])
