"""A coordinator's work on the accounts of one class, callable without a request.

Adding a student and handing out new passwords are each all or nothing: an account
exists only with the slip that carries its password, and a password changes only
with its slip (people/password_resets.py prints the slips inside the transaction).
The coordinator pages only read the form, call these and show the outcome.
"""

from dataclasses import dataclass, field

from django.db import transaction

from .accounts import UsernameAllocator, username_base
from .models import Membership, User
from .password_resets import SlipFailed, issue_passwords, reset_refusals


def class_members(school_class):
    """The learners of the class, in Vietnamese name order."""
    return (
        User.objects.filter(
            memberships__school_class=school_class,
            memberships__role=Membership.Role.LEARNER,
        )
        .order_by("name_sort_key", "pk")
        .distinct()
    )


def add_student(school_class, student, *, actor):
    """Save ``student`` (a new, unsaved User) as a learner of the class and return
    the PDF of their login slip. Raises SlipFailed, with nothing written, if the slip
    cannot be printed."""
    with transaction.atomic():
        base = username_base(student.full_name, student.date_of_birth)
        student.username = UsernameAllocator([base]).allocate(base)
        student.set_unusable_password()  # replaced below, with the slip
        student.save()
        Membership.objects.create(
            user=student,
            organisation=school_class.organisation,
            school_class=school_class,
            role=Membership.Role.LEARNER,
        )
        return issue_passwords(
            [student], school_class, actor=actor, new_accounts=[student]
        )


@dataclass
class PasswordReset:
    """What a reset did. ``chosen``: the students asked for (none: every student
    has signed in); ``students``: those given new passwords, printed in ``pdf``;
    ``refused``: (student, reason) for those the coordinator may not reset."""

    chosen: list
    students: list = field(default_factory=list)
    refused: list = field(default_factory=list)
    pdf: bytes | None = None
    slips_failed: bool = False


def reset_passwords(school_class, *, actor, user_id=None):
    """New temporary passwords and slips: for the student ``user_id`` of the class,
    or for every student of the class who has never signed in (lost slips).

    Raises User.DoesNotExist if ``user_id`` is not a student of the class. If the
    slips cannot be printed no password changes and ``slips_failed`` is set.
    """
    members = class_members(school_class)
    if user_id is not None:
        chosen = [members.get(pk=user_id)]
    else:
        chosen = list(members.filter(last_login__isnull=True))
    outcome = PasswordReset(chosen)
    if not chosen:
        return outcome
    refusals = reset_refusals(actor, chosen)
    outcome.refused = [(s, refusals[s.pk]) for s in chosen if s.pk in refusals]
    outcome.students = [s for s in chosen if s.pk not in refusals]
    if outcome.students:
        try:
            outcome.pdf = issue_passwords(outcome.students, school_class, actor=actor)
        except SlipFailed:
            outcome.slips_failed = True
    return outcome
