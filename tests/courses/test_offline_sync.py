"""The offline sync endpoint: each item checked as online, applied once, refusals
said out loud (courses/offline_sync.py)."""

import json
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from courses import exam_windows
from courses.models import (
    Enrolment,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    SyncedItem,
)
from tests.courses.conftest import correct_answers
from tests.factories import CourseFactory, UserFactory, build_course
from tests.services import require_postgresql
from tests.threads import together

URL = "/hoc/dong-bo/"


def post(client, items, **extra):
    return client.post(
        URL, json.dumps({"items": items, **extra}), content_type="application/json"
    )


def lesson_done(lesson, at="2026-12-01T08:30:00+07:00"):
    return {
        "id": str(uuid.uuid4()),
        "kind": "lesson_done",
        "lesson": lesson.pk,
        "at": at,
    }


def answers_for(quiz, answers):
    return {"id": str(uuid.uuid4()), "kind": "practice_answers", "quiz": quiz.pk,
            "answers": answers, "at": "2026-12-01T08:40:00+07:00"}  # fmt: skip


def statuses(response):
    assert response.status_code == 200, response.content
    return [r["status"] for r in response.json()["results"]]


@pytest.mark.django_db
def test_a_batch_is_checked_applied_once_and_replayed_as_duplicate(
    signed_in, learner, course, quiz_page, home_page
):
    assert reverse("courses:offline_sync") == URL
    enrolment = Enrolment.objects.create(user=learner, course=course)
    signed_in.post(quiz_page.url + "bat-dau/")
    attempt = QuizAttempt.objects.get()
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    other_course = CourseFactory(parent=home_page, slug="khac", quiz=False)
    not_mine = LessonPage.objects.child_of(other_course).first()
    first = lesson_done(lessons[0])
    forged = {**answers_for(quiz_page, {"zz": ["yy"]}), "id": "not-a-uuid"}
    items = [
        first,
        lesson_done(lessons[1], at="0001-01-01T00:00:00+14:00"),  # a wild clock
        answers_for(quiz_page, correct_answers(attempt)),
        {**first},  # the same item twice in one batch
        lesson_done(not_mine),
        forged,
        {"id": str(uuid.uuid4()), "kind": "lesson_done", "lesson": "1 OR 1=1"},
        lesson_done(quiz_page),  # a quiz is not a lesson
    ]
    response = post(signed_in, items)
    assert statuses(response) == [
        "saved", "saved", "saved", "duplicate", "refused", "refused", "refused",
        "refused",
    ]  # fmt: skip
    results = response.json()["results"]
    assert results[4]["message"].startswith("Bạn không còn ghi danh")
    assert results[5]["id"] == "not-a-uuid"  # echoed, for the queue to drop it
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.passed
    progress = LessonProgress.objects.filter(enrolment=enrolment)
    assert set(progress.values_list("lesson_id", flat=True)) == {
        lessons[0].pk,
        lessons[1].pk,
    }
    # the device's time is kept (not in the future, not before enrolling)
    assert progress.get(lesson=lessons[0]).completed_at >= enrolment.enrolled_at
    # refusals are also waiting on the next page unless the page showed them
    page = signed_in.get(reverse("courses:my_learning")).text
    assert "Bạn không còn ghi danh" in page

    # The whole batch again (a retry after a lost response): nothing changes.
    rows = SyncedItem.objects.count()
    again = post(signed_in, items, shown=True)
    assert statuses(again) == ["duplicate"] * 5 + ["refused"] * 2 + ["duplicate"]
    assert SyncedItem.objects.count() == rows == 5
    assert QuizAttempt.objects.filter(enrolment=enrolment).count() == 1
    assert progress.count() == 2
    assert (
        "Bạn không còn ghi danh"
        not in signed_in.get(reverse("courses:my_learning")).text
    )
    # another learner replaying the same ids is a different learner's items
    other = UserFactory()
    Enrolment.objects.create(user=other, course=course)
    client = Client()
    client.force_login(other)
    assert statuses(post(client, [first])) == ["saved"]
    # items a shared PC kept for someone else are not taken by this session
    second = lesson_done(lessons[1])
    assert post(client, [second], user=learner.pk).status_code == 409
    assert statuses(post(client, [second], user=other.pk)) == ["saved"]


@pytest.mark.django_db
def test_what_the_course_no_longer_accepts_is_refused_with_a_reason(
    signed_in, learner, course, quiz_page, home_page
):
    enrolment = Enrolment.objects.create(user=learner, course=course)
    lesson = LessonPage.objects.child_of(course).first()
    signed_in.post(quiz_page.url + "bat-dau/")
    attempt = QuizAttempt.objects.get()

    # answers that are not this attempt's questions change nothing
    [result] = post(signed_in, [answers_for(quiz_page, {"00000000": ["x"]})]).json()[
        "results"
    ]
    assert result["status"] == "refused" and "không khớp" in result["message"]
    # a quiz with a time limit stays online-only
    course.time_limit_minutes = 20
    course.save_revision().publish()
    [result] = post(signed_in, [answers_for(quiz_page, {})]).json()["results"]
    assert result["status"] == "refused" and "khi có kết nối" in result["message"]
    attempt.refresh_from_db()
    assert not attempt.is_submitted
    # a page the learner may not open (Wagtail view restriction) is not recorded
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Ban biên tập"))
    [result] = post(signed_in, [lesson_done(lesson)]).json()["results"]
    assert result["status"] == "refused" and "không có quyền" in result["message"]
    restriction.delete()
    # withdrawn: the server is the record, the lesson is not marked done
    Enrolment.objects.filter(pk=enrolment.pk).update(status="withdrawn")
    [result] = post(signed_in, [lesson_done(lesson)]).json()["results"]
    assert result["status"] == "refused"
    assert not LessonProgress.objects.exists()

    # closed for the class (exam-day switch): the open attempt ends with what was
    # saved online, the offline answers are refused
    exam = _practice_class(home_page)
    client = Client()
    client.force_login(exam.learners[0])
    client.post(exam.quiz.url + "bat-dau/")
    attempt = QuizAttempt.objects.get(enrolment__user=exam.learners[0])
    exam_windows.set_quiz_window(exam.school_class, exam.quiz, False)
    [result] = post(client, [answers_for(exam.quiz, correct_answers(attempt))]).json()[
        "results"
    ]
    assert result["status"] == "refused"
    attempt.refresh_from_db()
    assert attempt.answers == {}

    # nothing readable at all: a clear 400; anyone signed out: 401
    assert signed_in.post(URL, "[", content_type="application/json").status_code == 400
    assert post(signed_in, [{}] * 101).status_code == 400
    assert post(Client(), []).status_code == 401
    assert signed_in.get(URL).status_code == 405


def _practice_class(home_page):
    from tests.courses.exam_fixtures import make_exam_class

    return make_exam_class(home_page, learners=1, kind="practice")


@pytest.mark.django_db
def test_the_token_of_the_page_is_required(learner, course):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert post(client, []).status_code == 403


@pytest.mark.django_db
def test_a_batch_costs_the_same_queries_whatever_its_length(
    signed_in, learner, home_page
):
    course = CourseFactory(parent=home_page, lessons=24, quiz=False)
    Enrolment.objects.create(user=learner, course=course)
    lessons = list(LessonPage.objects.child_of(course))
    counts = []
    for batch in (lessons[:2], lessons[2:24]):
        with CaptureQueriesContext(connection) as queries:
            assert set(statuses(post(signed_in, [lesson_done(x) for x in batch]))) == {
                "saved"
            }
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 20  # 17 when written, sessions included
    assert LessonProgress.objects.count() == 24
    assert Enrolment.objects.get().completed_at is not None


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_replays_at_once_record_each_item_once(home_page):
    require_postgresql()
    course, quiz_page = build_course(home_page, lessons=4)
    user = UserFactory()
    enrolment = Enrolment.objects.create(user=user, course=course)
    starter = Client()
    starter.force_login(user)
    starter.post(quiz_page.url + "bat-dau/")
    attempt = QuizAttempt.objects.get()
    items = [lesson_done(x) for x in LessonPage.objects.child_of(course)]
    items.append(answers_for(quiz_page, correct_answers(attempt)))
    clients = [Client() for _ in range(4)]
    for client in clients:
        client.force_login(user)
    results = together(4, lambda i: statuses(post(clients[i], items)))
    # each item saved by exactly one of the four requests, a duplicate for the rest
    for column in zip(*results, strict=True):
        assert sorted(column) == ["duplicate"] * 3 + ["saved"]
    assert SyncedItem.objects.count() == 5
    assert LessonProgress.objects.filter(enrolment=enrolment).count() == 4
    assert QuizAttempt.objects.get().passed is True
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
