"""A coordinator sees which of a class's students are held up at sign-in (a wait
after wrong passwords, people/sign_in_throttle.py) and lifts the wait.

Only the class's learners are shown or lifted, through people.scope like every
coordinator page: another school's student is a 404 and nothing changes. Accounts
on the staff rule (someone who is also a coordinator, viewer or editor) are left
alone: a wait on a privileged account is not a class teacher's to lift.
"""

from axes.models import AccessAttempt
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .coordinator_views import coordinator_required
from .models import Membership, User
from .scope import class_for_coordinator
from .sign_in_throttle import (
    LEARNER_RULE,
    held_until,
    lift,
    normalise,
    rule_for,
    staff_among,
)


def _students(school_class):
    return User.objects.filter(
        memberships__school_class=school_class,
        memberships__role=Membership.Role.LEARNER,
    ).distinct()


def _learner_or_404(school_class, user_id):
    student = _students(school_class).filter(pk=user_id).first()
    if student is None or rule_for(student) != LEARNER_RULE:
        raise Http404
    return student


def held_students(school_class):
    """[(student, failures, address, last failure, waiting until or None)], one row
    per counter, for the class's learners with wrong passwords on record."""
    students = {
        normalise(s.username): s for s in _students(school_class).order_by("pk")
    }
    attempts = AccessAttempt.objects.filter(username__in=list(students)).order_by(
        "-attempt_time"
    )
    attempts = list(attempts)
    staff = staff_among(students[a.username].pk for a in attempts)
    now = timezone.now()
    rows = []
    for attempt in attempts:
        student = students[attempt.username]
        if student.pk in staff:
            continue
        rows.append(
            {
                "student": student,
                "failures": attempt.failures_since_start,
                "address": attempt.ip_address,
                "known_device": bool(attempt.user_agent),
                "last_failure": attempt.attempt_time,
                "until": held_until(attempt, LEARNER_RULE, now),
            }
        )
    return rows


@coordinator_required
def sign_in_waits(request, class_id):
    school_class = class_for_coordinator(request.user, class_id)
    return render(
        request,
        "people/coordinator/sign_in_waits.html",
        {"school_class": school_class, "rows": held_students(school_class)},
    )


@coordinator_required
@require_POST
def lift_sign_in_wait(request, class_id, user_id):
    school_class = class_for_coordinator(request.user, class_id)
    student = _learner_or_404(school_class, user_id)
    lift(student.username)
    # lead: wire to people.audit.record at merge
    # (action "sign_in_wait_lifted", actor request.user, target student)
    messages.success(
        request,
        _("%(name)s can sign in again now.") % {"name": student.full_name},
    )
    return redirect("coordinator:sign_in_waits", class_id=school_class.pk)
