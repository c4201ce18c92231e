"""Listening to the courses room: a completed course asks for a certificate."""

from .issuing import request_certificate


def on_course_completed(sender, enrolment, **kwargs):
    """Sent once, after the commit that recorded the completion."""
    request_certificate(enrolment)
