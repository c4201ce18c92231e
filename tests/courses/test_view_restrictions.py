"""Private courses stay private: the cached view restrictions follow every change."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.models import Enrolment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def lesson_url(course, n):
    return f"{course.url}bai-{n}/"


def restriction_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [
        q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]
    ]


def test_public_lessons_check_restrictions_without_a_query(signed_in, course, learner):
    Enrolment.objects.create(user=learner, course=course)
    signed_in.get(lesson_url(course, 1))  # fills the cache
    response, queries = restriction_queries(signed_in, lesson_url(course, 1))
    assert response.status_code == 200
    assert queries == []


def test_a_restriction_added_later_applies_at_once(signed_in, course, learner):
    Enrolment.objects.create(user=learner, course=course)
    assert signed_in.get(lesson_url(course, 2)).status_code == 200  # cached: public
    staff = Group.objects.create(name="Cán bộ một cửa")
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(staff)

    response = signed_in.get(lesson_url(course, 2))
    assert response.status_code == 302  # to sign in as someone in the group
    assert response["Location"].startswith("/tai-khoan/dang-nhap/")

    learner.groups.add(staff)  # a member of the group may read it
    assert signed_in.get(lesson_url(course, 2)).status_code == 200

    restriction.delete()
    other = UserFactory()
    Enrolment.objects.create(user=other, course=course)
    signed_in.force_login(other)
    assert signed_in.get(lesson_url(course, 2)).status_code == 200


def test_a_password_on_the_course_guards_its_quiz_and_lessons(
    client, course, quiz_page, learner
):
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="bimat"
    )
    Enrolment.objects.create(user=learner, course=course)
    client.force_login(learner)
    for url in (lesson_url(course, 1), quiz_page.url):
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="password"' in response.content.decode(), url
