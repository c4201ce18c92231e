"""A small course to learn on: three lessons and a four-question quiz."""

import pytest

from courses.models import Audience
from tests.factories import UserFactory, build_course


@pytest.fixture
def course_and_quiz(home_page):
    return build_course(home_page)


@pytest.fixture
def course(course_and_quiz):
    return course_and_quiz[0]


@pytest.fixture
def quiz_page(course_and_quiz):
    return course_and_quiz[1]


@pytest.fixture
def learner(db):
    return UserFactory(username="hocsinh", full_name="Nguyễn Văn An")


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def audience(db):
    return Audience.objects.create(name="Đoàn viên", slug="doan-vien")


def correct_answers(attempt):
    return {q["key"]: list(q["correct"]) for q in attempt.snapshot}


def wrong_answers(attempt):
    answers = {}
    for question in attempt.snapshot:
        wrong = [
            c["key"] for c in question["choices"] if c["key"] not in question["correct"]
        ]
        answers[question["key"]] = wrong[:1]
    return answers


@pytest.fixture
def exam(home_page):
    """A class of three enrolled in a course whose quiz is an exam (30 min, 2 tries)."""
    from tests.courses.exam_fixtures import make_exam_class

    return make_exam_class(home_page, time_limit_minutes=30, attempt_limit=2)
