"""The attempt page's focus beacon (courses.focus): own open attempt only, whole
numbers within caps, totals that only go up, bad input a clear 400 in Vietnamese."""

import json
import threading
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses import focus, quiz
from courses.models import Enrolment, QuizAttempt
from tests.courses.conftest import correct_answers
from tests.courses.test_concurrency import fire_together
from tests.factories import UserFactory, build_course
from tests.services import require_postgresql

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(learner, course, quiz_page):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    # Started ten minutes ago, so up to 600 seconds away are possible.
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(minutes=10)
    )
    attempt.refresh_from_db()
    return attempt


def url(attempt):
    return reverse("courses:attempt_focus", args=[attempt.pk])


def send(client, attempt, **fields):
    return client.post(url(attempt), fields)


def totals(attempt):
    attempt.refresh_from_db()
    return attempt.focus_lost_count, attempt.focus_away_seconds


def test_the_attempt_page_points_its_script_at_the_beacon(signed_in, attempt):
    page = attempt.quiz.url + attempt.quiz.reverse_subpage("attempt", args=[attempt.pk])
    html = signed_in.get(page).text
    assert f'data-url="{url(attempt)}"' in html
    assert 'data-lost-count="0" data-away-seconds="0"' in html
    assert "courses/quiz_focus" in html


def test_a_beacon_form_with_its_csrf_token_is_recorded(learner, attempt):
    """What navigator.sendBeacon sends: a form body, the token inside it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    page = attempt.quiz.url + attempt.quiz.reverse_subpage("attempt", args=[attempt.pk])
    client.get(page)
    token = client.cookies["csrftoken"].value
    assert send(client, attempt, lost_count=1, away_seconds=0).status_code == 403
    response = send(
        client, attempt, csrfmiddlewaretoken=token, lost_count=2, away_seconds=75
    )
    assert response.status_code == 200
    assert response.json() == {"lost_count": 2, "away_seconds": 75}
    assert totals(attempt) == (2, 75)


def test_json_with_the_header_token_works_like_the_autosave(signed_in, attempt):
    response = signed_in.post(
        url(attempt),
        json.dumps({"lost_count": 3, "away_seconds": 40}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert totals(attempt) == (3, 40)


def test_totals_only_go_up(signed_in, attempt):
    assert send(signed_in, attempt, lost_count=4, away_seconds=120).status_code == 200
    # A replayed older beacon, or a forged smaller number, lowers nothing...
    response = send(signed_in, attempt, lost_count=1, away_seconds=5)
    assert response.status_code == 200
    assert response.json() == {"lost_count": 4, "away_seconds": 120}
    assert send(signed_in, attempt, lost_count=0, away_seconds=0).status_code == 200
    assert totals(attempt) == (4, 120)
    # ...and each total rises on its own.
    send(signed_in, attempt, lost_count=2, away_seconds=300)
    assert totals(attempt) == (4, 300)
    send(signed_in, attempt, lost_count=5, away_seconds=10)
    assert totals(attempt) == (5, 300)


def test_time_away_never_exceeds_the_time_since_the_start(signed_in, attempt):
    response = send(signed_in, attempt, lost_count=1, away_seconds=5000)
    assert response.status_code == 200
    lost, away = totals(attempt)
    assert lost == 1
    assert 600 <= away < 700  # clipped to the ten minutes (and a few seconds) so far


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"lost_count": "1"},
        {"away_seconds": "1"},
        {"lost_count": "-1", "away_seconds": "0"},
        {"lost_count": "1", "away_seconds": "-5"},
        {"lost_count": "1.5", "away_seconds": "0"},
        {"lost_count": "abc", "away_seconds": "0"},
        {"lost_count": "", "away_seconds": "0"},
        {"lost_count": "١٢", "away_seconds": "0"},  # digits, but not ASCII ones
        {"lost_count": "1001", "away_seconds": "0"},  # over the cap
        {"lost_count": "1", "away_seconds": str(24 * 3600 + 1)},
        {"lost_count": "9" * 40, "away_seconds": "0"},
    ],
)
def test_bad_numbers_are_a_clear_400_and_change_nothing(signed_in, attempt, fields):
    send(signed_in, attempt, lost_count=2, away_seconds=30)
    response = signed_in.post(url(attempt), fields)
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]
    assert totals(attempt) == (2, 30)


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[1, 2]",
        '"3"',
        '{"lost_count": true, "away_seconds": 0}',
        '{"lost_count": 1.0, "away_seconds": 0}',
        '{"lost_count": [1], "away_seconds": 0}',
        '{"lost_count": null, "away_seconds": 0}',
        "[" * 5000,
    ],
)
def test_bad_json_is_a_clear_400(signed_in, attempt, body):
    response = signed_in.post(url(attempt), body, content_type="application/json")
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["error"]
    assert totals(attempt) == (0, 0)


def test_someone_elses_attempt_is_a_404(client, attempt):
    client.force_login(UserFactory())
    assert send(client, attempt, lost_count=1, away_seconds=1).status_code == 404
    assert totals(attempt) == (0, 0)


def test_an_unknown_attempt_is_a_404(signed_in, attempt):
    response = signed_in.post(
        reverse("courses:attempt_focus", args=[attempt.pk + 1000]),
        {"lost_count": 1, "away_seconds": 1},
    )
    assert response.status_code == 404


def test_a_withdrawn_enrolment_records_nothing(signed_in, attempt):
    Enrolment.objects.filter(pk=attempt.enrolment_id).update(
        status=Enrolment.Status.WITHDRAWN
    )
    assert send(signed_in, attempt, lost_count=1, away_seconds=1).status_code == 404
    assert totals(attempt) == (0, 0)


def test_anonymous_and_get_are_refused(client, signed_in, attempt):
    anonymous = Client()
    assert send(anonymous, attempt, lost_count=1, away_seconds=1).status_code == 401
    assert signed_in.get(url(attempt)).status_code == 405
    assert totals(attempt) == (0, 0)


def test_a_submitted_attempt_is_refused(signed_in, attempt):
    send(signed_in, attempt, lost_count=1, away_seconds=20)
    quiz.submit_attempt(attempt, correct_answers(attempt))
    response = send(signed_in, attempt, lost_count=7, away_seconds=90)
    assert response.status_code == 409
    assert "đã được nộp" in response.json()["error"]
    assert totals(attempt) == (1, 20)


def test_an_attempt_out_of_time_is_refused(signed_in, attempt):
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=1)
    )
    response = send(signed_in, attempt, lost_count=1, away_seconds=1)
    assert response.status_code == 409
    assert totals(attempt) == (0, 0)


def test_the_caps_are_accepted_exactly(attempt):
    assert focus.read_totals(
        {"lost_count": focus.MAX_LOST_COUNT, "away_seconds": focus.MAX_AWAY_SECONDS}
    ) == (focus.MAX_LOST_COUNT, focus.MAX_AWAY_SECONDS)
    assert focus.read_totals({"lost_count": " 7 ", "away_seconds": "08"}) == (7, 8)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_simultaneous_beacons_keep_the_highest_totals(home_page):
    """Eight beacons at once, in no particular order, on PostgreSQL: the stored
    totals end at the highest sent, whichever UPDATE ran last."""
    require_postgresql()
    course, quiz_page = build_course(home_page, slug="dong-thoi")
    enrolment = Enrolment.objects.create(user=UserFactory(), course=course)
    attempt = quiz.start_attempt(enrolment, quiz_page, course=course)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(hours=1)
    )
    values = iter(range(1, 9))
    lock = threading.Lock()

    def beacon(client):
        with lock:
            n = next(values)
        return send(
            client, attempt, lost_count=n, away_seconds=(9 - n) * 10
        ).status_code

    assert fire_together(enrolment.user, 8, beacon) == [200] * 8
    assert totals(attempt) == (8, 80)
