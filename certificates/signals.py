"""Listening to the courses room: a completed course or programme asks for a
certificate."""

from .issuing import request_certificate, request_programme_certificate


def on_course_completed(sender, enrolment, **kwargs):
    """Sent once, after the commit that recorded the completion."""
    request_certificate(enrolment)


def on_programme_completed(sender, completion, **kwargs):
    """Likewise, once per programme completion."""
    request_programme_certificate(completion)
