"""xAPI statements for lesson and quiz events (courses/xapi_statements.py,
courses/xapi_sending.py), against a Learning Record Store stub on loopback."""

import json

import pytest

from courses import quiz, xapi_sending
from courses.completion import mark_lesson_done
from courses.models import Enrolment, LessonPage, XapiStatement
from tests.courses.conftest import wrong_answers
from tests.courses.lrs_stub import PASSWORD, USER, Lrs

pytestmark = pytest.mark.django_db


def learn(course, quiz_page, learner):
    """A lesson done and a failed quiz, through the engine."""
    enrolment = Enrolment.objects.create(user=learner, course=course)
    lesson = LessonPage.objects.child_of(course).live().first()
    mark_lesson_done(enrolment, lesson)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    quiz.submit_attempt(attempt, wrong_answers(attempt))
    return lesson


def test_off_by_default(course, quiz_page, learner, settings):
    settings.XAPI_LRS_URL = ""
    learn(course, quiz_page, learner)
    assert not XapiStatement.objects.exists()
    assert xapi_sending.send_pending() == 0


def test_statements_wait_while_the_lrs_is_down_then_arrive_once(
    course, quiz_page, learner, settings
):
    with Lrs() as lrs:
        settings.XAPI_LRS_URL = lrs.url
        settings.XAPI_LRS_USERNAME, settings.XAPI_LRS_PASSWORD = USER, PASSWORD
        lesson = learn(course, quiz_page, learner)
        assert XapiStatement.objects.filter(sent_at__isnull=True).count() == 2

        lrs.down = True
        assert xapi_sending.send_pending() == 0
        waiting = XapiStatement.objects.filter(sent_at__isnull=True)
        assert [row.tries for row in waiting] == [1, 1]
        assert "503" in waiting[0].last_error

        lrs.down = False
        assert xapi_sending.send_pending() == 2
        assert xapi_sending.send_pending() == 0  # nothing is sent twice
        assert lrs.refused == []

    by_verb = {s["verb"]["display"]["en-US"]: s for s in lrs.statements.values()}
    assert set(by_verb) == {"completed", "failed"}
    assert by_verb["completed"]["object"]["id"].endswith(
        lesson.url_path.split("/", 2)[2]
    )
    failed = by_verb["failed"]
    assert failed["result"]["score"] == {
        "scaled": 0.0,
        "raw": 0.0,
        "min": 0,
        "max": 100,
    }
    assert failed["result"]["success"] is False
    assert failed["context"]["contextActivities"]["parent"][0]["definition"][
        "name"
    ] == {"vi-VN": course.title}
    # The learner is an account number on this portal: no name, e-mail or ID.
    assert {s["actor"]["account"]["name"] for s in lrs.statements.values()} == {
        str(learner.pk)
    }
    assert learner.full_name not in json.dumps(list(lrs.statements.values()))
