"""The words for where a learner stands in a course: one home for every screen and
every export, so a list never says "in progress" where the screen says "not started".

An enrolment is completed when it has a completion time, started when it has a start
time (the dashboard counts "started" the same way, dashboard/queries.py), else not
started. The coordinator's class table also lists the class's students without an
enrolment ("not enrolled").
"""

from django.db.models import Case, CharField, Value, When
from django.utils.translation import gettext_lazy as _

NOT_ENROLLED = "not_enrolled"
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"

LABELS = {
    NOT_ENROLLED: _("not enrolled"),
    NOT_STARTED: _("not started"),
    IN_PROGRESS: _("in progress"),
    COMPLETED: _("completed"),
}


def label(state):
    return str(LABELS[state])


def enrolment_state(enrolment):
    """The state of an ``Enrolment`` (or anything with its two times)."""
    if enrolment.completed_at:
        return COMPLETED
    if enrolment.started_at:
        return IN_PROGRESS
    return NOT_STARTED


def label_expression(prefix=""):
    """SQL: an enrolment's label in the active language, by ``enrolment_state``'s
    rule, for exports that read rows straight from the database."""
    return Case(
        When(**{f"{prefix}completed_at__isnull": False}, then=Value(label(COMPLETED))),
        When(**{f"{prefix}started_at__isnull": False}, then=Value(label(IN_PROGRESS))),
        default=Value(label(NOT_STARTED)),
        output_field=CharField(),
    )
