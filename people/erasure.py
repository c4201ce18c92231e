"""Erasing a person: their account is anonymised, their records stay as numbers.

Enrolments, lesson progress and quiz attempts keep their rows, so every statistic
(counts, completion rates, item analysis) adds up as before; what named the person
goes. Certificates keep their frozen holder data and stay verifiable unless the
holder asked for revocation (certificates/personal_data.py reacts to
``user_erased``). One transaction: the account, the receivers' changes and the
audit entry commit together or not at all.
"""

from django.db import transaction
from django.utils.crypto import get_random_string

from . import audit
from .models import AuditEntry, Membership, User
from .signals import user_erased

# What an erased account is called wherever a name was shown (not translated:
# it is stored data, the same in every language).
PLACEHOLDER_NAME = "Người dùng đã xoá"
PLACEHOLDER = "[đã xoá]"
PERSONAL_FIELDS = ("full_name", "username", "email", "phone", "citizen_id")


def erase_user(user, actor, *, revoke_certificates=False, data_request=None):
    """Anonymise ``user`` and everything that names them; returns the user.

    Safe to run twice (the second run finds nothing left to clear)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        known = {v for v in (getattr(user, f) for f in PERSONAL_FIELDS) if v}
        unit = unit_of(user)
        _anonymise_account(user)
        _scrub_audit_entries(user, known)
        user_erased.send(
            sender=User,
            user=user,
            actor=actor,
            revoke_certificates=revoke_certificates,
        )
        audit.record(
            actor,
            audit.Action.ERASURE,
            target_user=user,
            organisation=unit,
            after={
                "request_id": data_request.pk if data_request else None,
                "certificates_revoked": revoke_certificates,
            },
        )
    return user


def unit_of(user):
    """The unit the person learns in (their placement), or None."""
    place = Membership.objects.placement(user.pk).select_related("organisation")
    place = place.first()
    return place.organisation if place else None


def _anonymise_account(user):
    user.full_name = PLACEHOLDER_NAME
    user.first_name = user.last_name = ""
    # The user name is often the pupil's name or code: a random one, never reused.
    user.username = f"da-xoa-{user.pk}-{get_random_string(6).lower()}"
    user.date_of_birth = None
    user.citizen_id = user.email = user.phone = user.student_code = ""
    user.reset_notice_at, user.reset_notice_by = None, ""
    user.must_change_password = False
    # A new (unusable) password changes the session hash: every session of the
    # account ends at its next request, and an inactive account cannot sign in.
    user.set_unusable_password()
    user.is_active = False
    user.save()


def _scrub_audit_entries(user, known):
    """Entries about the person keep what happened, not the copied names."""
    entries = list(AuditEntry.objects.filter(target_user=user).only("before", "after"))
    for entry in entries:
        entry.before = _scrub(entry.before, known)
        entry.after = _scrub(entry.after, known)
    AuditEntry.objects.bulk_update(entries, ["before", "after"])


def _scrub(value, known):
    if isinstance(value, dict):
        return {k: _scrub(v, known) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, known) for v in value]
    return PLACEHOLDER if isinstance(value, str) and value in known else value
