"""Issue 14, finding 3: a coordinator's closing of a quiz for a class takes effect
on attempts already started — like a time limit running out in Moodle."""

import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from courses.models import QuizAttempt

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_sign_in_throttling(settings):
    settings.AXES_ENABLED = False


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _quiz_url(world, name, attempt):
    page = world.quiz_page
    return page.url + page.reverse_subpage(name, args=[attempt.pk])


def test_closing_the_quiz_submits_attempts_in_progress_with_their_saved_answers(
    world,
):
    attempt = world.attempt_a
    learner = _client(world.learner_a)
    first, second = attempt.snapshot[0], attempt.snapshot[1]
    saved = {first["key"]: [first["correct"][0]]}
    autosave = reverse("courses:autosave", args=[attempt.pk])
    response = learner.post(
        autosave, json.dumps({"answers": saved}), content_type="application/json"
    )
    assert response.status_code == 200

    coordinator = _client(world.coordinator_a)
    response = coordinator.post(
        reverse(
            "class_courses:quiz_window", args=[world.class_a.pk, world.quiz_page.pk]
        ),
        {"open": "0"},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert any("1 bài làm đang dở" in m for m in shown), shown

    attempt = QuizAttempt.objects.get(pk=attempt.pk)
    assert attempt.is_submitted and attempt.closed_by_switch
    assert attempt.answers == saved and attempt.correct_count == 1

    # the learner's page can no longer save answers...
    later = {second["key"]: [second["choices"][0]["key"]], **saved}
    response = learner.post(
        autosave, json.dumps({"answers": later}), content_type="application/json"
    )
    assert response.status_code == 409  # the quiz script reloads the page
    # ...which then says what happened, on the result page
    response = learner.get(_quiz_url(world, "attempt", attempt))
    assert response.status_code == 302
    assert response["Location"].endswith(_quiz_url(world, "result", attempt))
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("đã đóng bài kiểm tra" in n for n in notes), notes
    # and a submit of the old form changes nothing
    response = learner.post(
        _quiz_url(world, "submit", attempt), {second["key"]: second["choices"][0]}
    )
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(pk=attempt.pk)
    assert attempt.answers == saved and attempt.correct_count == 1
