"""The coordinator's exam board and exam-day controls, the department's schedule,
and what the learner is told when a write is refused (issue 15)."""

import json
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from courses import exam_windows, quiz
from courses.models import QuizAttempt, QuizExtraTime, QuizWindow
from people.models import Membership
from tests.courses.conftest import correct_answers
from tests.courses.exam_fixtures import make_exam_class
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def board_url(exam_class, name="class_courses:exam_board"):
    return reverse(name, args=[exam_class.school_class.pk, exam_class.quiz.pk])


def start(client, exam_class, user):
    client.force_login(user)
    response = client.post(exam_class.quiz.url + "bat-dau/")
    assert response.status_code == 302
    return QuizAttempt.objects.get(enrolment__user=user, submitted_at__isnull=True)


def test_board_shows_who_started_who_submitted_and_who_is_idle(client, exam):
    exam_windows.open_now(exam.school_class, exam.quiz)
    busy = start(client, exam, exam.learners[0])
    key = busy.snapshot[0]["key"]
    quiz.save_answers(busy, {key: correct_answers(busy)[key]})
    idle = start(client, exam, exam.learners[1])
    QuizAttempt.objects.filter(pk=idle.pk).update(
        started_at=timezone.now() - timedelta(minutes=6)
    )
    client.force_login(exam.coordinator)
    page = client.get(board_url(exam)).content.decode()
    assert "data-live-progress" in page and "js/live-progress.js" in page
    assert page.count("exam-row-in_progress") == 2
    assert page.count("exam-row-idle") == 1
    assert page.count("exam-row-not_started") == 1
    assert "1 / 4" in page or "1 trên 4" in page or "1 of 4" in page
    client.post(
        board_url(exam, "class_courses:quiz_window"), {"open": "0", "back": "board"}
    )
    page = client.get(board_url(exam)).content.decode()
    assert page.count("exam-row-submitted") == 2


def test_board_queries_do_not_grow_with_the_class(
    client, home_page, django_assert_max_num_queries
):
    small = make_exam_class(home_page, learners=2)
    large = make_exam_class(home_page, learners=25)
    for exam_class in (small, large):
        exam_windows.open_now(exam_class.school_class, exam_class.quiz)
        for learner in exam_class.learners[:2]:
            start(client, exam_class, learner)
    MembershipFactory(
        user=small.coordinator,
        organisation=large.school,
        role=Membership.Role.COORDINATOR,
    )
    client.force_login(small.coordinator)
    client.get(board_url(small))
    with django_assert_max_num_queries(20):
        assert client.get(board_url(large)).status_code == 200


def test_coordinator_of_another_school_gets_404(client, home_page):
    mine = make_exam_class(home_page)
    other = make_exam_class(home_page)
    client.force_login(other.coordinator)
    assert client.get(board_url(mine)).status_code == 404
    for name, data in (
        ("class_courses:quiz_schedule", {"time_limit": "5"}),
        ("class_courses:extra_time", {"learner": mine.learners[0].pk, "minutes": 5}),
        ("class_courses:quiz_window", {"open": "1"}),
    ):
        assert client.post(board_url(mine, name), data).status_code == 404
    assert not QuizWindow.objects.filter(school_class=mine.school_class).exists()
    assert not QuizExtraTime.objects.exists()


def test_schedule_form_refuses_an_end_before_the_start(client, exam):
    client.force_login(exam.coordinator)
    response = client.post(
        board_url(exam, "class_courses:quiz_schedule"),
        {"opens_at": "2026-12-06T09:00", "closes_at": "2026-12-06T08:00"},
    )
    assert response.status_code == 400
    assert not QuizWindow.objects.exists()
    response = client.post(
        board_url(exam, "class_courses:quiz_schedule"),
        {
            "opens_at": "2026-12-06T09:00",
            "closes_at": "2026-12-06T10:00",
            "time_limit": "45",
        },
    )
    assert response.status_code == 302
    window = QuizWindow.objects.get()
    assert window.time_limit_minutes == 45 and window.changed_by == exam.coordinator
    assert timezone.localtime(window.opens_at).hour == 9


def test_extra_time_for_a_learner_of_another_class_is_refused(client, home_page):
    mine = make_exam_class(home_page)
    other = make_exam_class(home_page)
    client.force_login(mine.coordinator)
    response = client.post(
        board_url(mine, "class_courses:extra_time"),
        {"learner": other.learners[0].pk, "minutes": 5},
    )
    assert response.status_code == 400
    response = client.post(
        board_url(mine, "class_courses:extra_time"),
        {"learner": mine.learners[0].pk, "minutes": "nhiều"},
    )
    assert response.status_code == 400
    assert not QuizExtraTime.objects.exists()
    response = client.post(
        board_url(mine, "class_courses:extra_time"),
        {"learner": mine.learners[0].pk, "minutes": 5},
    )
    assert response.status_code == 302
    grant = QuizExtraTime.objects.get()
    assert grant.granted_by == mine.coordinator and grant.minutes == 5


def test_refused_autosave_and_submit_say_why(client, exam):
    exam_windows.open_now(exam.school_class, exam.quiz)
    attempt = start(client, exam, exam.learners[0])
    answers = correct_answers(attempt)
    save_url = reverse("courses:autosave", args=[attempt.pk])
    body = json.dumps({"answers": answers})
    ok = client.post(save_url, body, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["seconds_left"] > 0
    exam_windows.close_now(exam.school_class, exam.quiz)
    refused = client.post(save_url, body, content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["error"] == str(quiz.ClosedBySwitch.message)
    assert refused.json()["result_url"].endswith(f"/lan/{attempt.pk}/ket-qua/")
    list(get_messages(refused.wsgi_request))
    submit_url = exam.quiz.url + f"lan/{attempt.pk}/nop/"
    response = client.post(submit_url, {})
    assert response["Location"].endswith("ket-qua/")
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert set(said) == {str(quiz.ClosedBySwitch.message)}
    attempt.refresh_from_db()
    assert attempt.score == 100  # the saved answers, not the empty form


def test_autosave_after_the_window_end_is_refused_with_its_own_message(client, exam):
    now = timezone.now()
    exam_windows.open_now(exam.school_class, exam.quiz)
    attempt = start(client, exam, exam.learners[0])
    exam.schedule(closes_at=now + timedelta(seconds=1))
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=now)
    save_url = reverse("courses:autosave", args=[attempt.pk])
    QuizWindow.objects.update(closes_at=now)
    refused = client.post(save_url, "{}", content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["error"] == str(quiz.WindowEnded.message)


def test_department_administrator_schedules_their_units_only(client, home_page):
    commune = OrganisationFactory(kind="commune")
    inside = make_exam_class(home_page, parent=commune)
    elsewhere = OrganisationFactory(kind="commune")
    admin = member_of(commune, Membership.Role.ADMINISTRATOR)
    client.force_login(admin)
    url = reverse("exam_schedule:schedule")
    assert f'href="{url}"' in client.get("/").content.decode()  # in the header
    assert client.get(url).status_code == 200
    form = {
        "quiz": inside.quiz.pk,
        "opens_at": "2026-12-07T08:00",
        "closes_at": "2026-12-07T09:00",
        "time_limit": "40",
    }
    refused = client.post(url, {**form, "unit": elsewhere.pk})
    assert refused.status_code == 400 and not QuizWindow.objects.exists()
    response = client.post(url, {**form, "unit": commune.pk})
    assert response.status_code == 302
    window = QuizWindow.objects.get()
    assert window.school_class == inside.school_class
    assert window.changed_by == admin and window.time_limit_minutes == 40
    assert "12A1" in client.get(url).content.decode()
    # a practice quiz cannot be scheduled as an exam
    inside.quiz.kind = "practice"
    inside.quiz.save()
    assert client.post(url, {**form, "unit": commune.pk}).status_code == 400
    # a coordinator is not a department administrator
    client.force_login(inside.coordinator)
    assert client.get(url).status_code == 404
