"""Events that rooms above ``courses`` listen to (certificates, reports)."""

from django.dispatch import Signal

# Sent once per enrolment, after the commit that recorded its completion.
# Arguments: enrolment.
course_completed = Signal()

# Sent once per programme completion, after the commit that recorded it.
# Arguments: completion (a ProgrammeCompletion).
programme_completed = Signal()
