"""xAPI (1.0.3) statements for lesson and quiz events, for a Learning Record Store.

Off unless ``XAPI_LRS_URL`` is set. When on, ``lesson_done`` and ``attempt_submitted``
write the statement to the outbox (``XapiStatement``) inside the event's own
transaction, and hand the sending to Celery after the commit
(courses/xapi_sending.py; a beat sweep every minute retries what is left).

The learner is named by an account on this portal (its base URL and the user's
number), never by name, e-mail or personal ID: the LRS learns what was done, and
only this portal knows by whom.
"""

import uuid

from django.conf import settings
from django.db import transaction

from core.queueing import publish

from .models import XapiStatement

VERBS = {
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "đã hoàn thành"),
    "passed": ("http://adlnet.gov/expapi/verbs/passed", "đã đạt"),
    "failed": ("http://adlnet.gov/expapi/verbs/failed", "chưa đạt"),
}
LESSON = "http://adlnet.gov/expapi/activities/lesson"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
COURSE = "http://adlnet.gov/expapi/activities/course"


def enabled():
    return bool(getattr(settings, "XAPI_LRS_URL", ""))


def _base():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _page_url(page):
    """The page's public address: an activity id the LRS can follow back."""
    parts = page.get_url_parts()
    if parts is None:  # not routable (no site): still a stable id
        return f"{_base()}/pages/{page.pk}/"
    _site, root, path = parts
    return (root or _base()).rstrip("/") + path


def _activity(page, kind):
    return {
        "objectType": "Activity",
        "id": _page_url(page),
        "definition": {"type": kind, "name": {"vi-VN": page.title}},
    }


def statement(*, user_id, verb, page, kind, course, when, result=None):
    """One statement as the LRS receives it (the id is the outbox row's)."""
    verb_id, verb_vi = VERBS[verb]
    body = {
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": _base(), "name": str(user_id)},
        },
        "verb": {"id": verb_id, "display": {"vi-VN": verb_vi, "en-US": verb}},
        "object": _activity(page, kind),
        "context": {
            "platform": settings.WAGTAIL_SITE_NAME,
            "language": "vi-VN",
            "contextActivities": {"parent": [_activity(course, COURSE)]},
        },
        "timestamp": when.isoformat(),
    }
    if result is not None:
        body["result"] = result
    return body


def _record(body):
    statement_id = uuid.uuid4()
    row = XapiStatement.objects.create(
        statement_id=statement_id, payload={"id": str(statement_id), **body}
    )
    from .tasks import send_xapi_statements

    transaction.on_commit(lambda: publish(send_xapi_statements))
    return row


def lesson_done(enrolment, lesson, when):
    if enabled():
        _record(
            statement(
                user_id=enrolment.user_id,
                verb="completed",
                page=lesson,
                kind=LESSON,
                course=enrolment.course,
                when=when,
            )
        )


def attempt_submitted(attempt, *, score, passed, when):
    """``score`` in percent (0–100), as the quiz engine computed it."""
    if enabled():
        _record(
            statement(
                user_id=attempt.enrolment.user_id,
                verb="passed" if passed else "failed",
                page=attempt.quiz,
                kind=ASSESSMENT,
                course=attempt.enrolment.course,
                when=when,
                result={
                    "score": {
                        "scaled": round(float(score) / 100, 4),
                        "raw": float(score),
                        "min": 0,
                        "max": 100,
                    },
                    "success": bool(passed),
                    "completion": True,
                },
            )
        )
