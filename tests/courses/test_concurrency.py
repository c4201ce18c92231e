"""Two tabs, double clicks: simultaneous requests on PostgreSQL end in one result."""

import pytest
from django.test import Client

from courses.models import Enrolment, QuestionResult, QuizAttempt
from tests.courses.conftest import correct_answers
from tests.factories import CourseFactory, UserFactory, build_course
from tests.services import require_postgresql
from tests.threads import together

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def fire_together(user, count, request):
    """Run request(client) as `user` in `count` threads released at the same instant."""
    clients = [Client() for _ in range(count)]
    for client in clients:
        client.force_login(user)
    return together(count, lambda i: request(clients[i]))


@pytest.fixture
def setup(home_page):
    require_postgresql()
    course, quiz_page = build_course(home_page, attempt_limit=1)
    user = UserFactory()
    enrolment = Enrolment.objects.create(user=user, course=course)
    return quiz_page, enrolment


def test_simultaneous_starts_make_one_attempt(setup):
    quiz_page, enrolment = setup
    responses = fire_together(
        enrolment.user,
        8,
        lambda client: client.post(quiz_page.url + "bat-dau/").status_code,
    )
    assert responses == [302] * 8
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_simultaneous_submits_score_once(setup):
    quiz_page, enrolment = setup
    client = Client()
    client.force_login(enrolment.user)
    url = client.post(quiz_page.url + "bat-dau/")["Location"]
    attempt = QuizAttempt.objects.get()
    answers = correct_answers(attempt)
    responses = fire_together(
        enrolment.user, 8, lambda c: c.post(url + "nop/", answers)["Location"]
    )
    assert set(responses) == {url + "ket-qua/"}
    attempt.refresh_from_db()
    assert attempt.passed is True
    assert QuestionResult.objects.filter(attempt=attempt).count() == 4
    # the limit of one attempt holds even when several tabs try again at once
    fire_together(
        enrolment.user, 6, lambda c: c.post(quiz_page.url + "bat-dau/").status_code
    )
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1


def test_simultaneous_enrolments_make_one(home_page):
    require_postgresql()
    course = CourseFactory(parent=home_page)
    statuses = fire_together(
        UserFactory(),
        8,
        lambda client: client.post(course.url + "ghi-danh/").status_code,
    )
    assert statuses == [302] * 8
    assert Enrolment.objects.filter(course=course).count() == 1
