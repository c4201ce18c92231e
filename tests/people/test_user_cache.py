"""The signed-in user comes from the cache, and every change to a user reaches it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Membership, User
from people.user_cache import user_cache_key
from tests.factories import (
    LearnerMembershipFactory,
    SchoolClassFactory,
    UserFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


def user_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q for q in queries if '"people_user"' in q["sql"]]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_second_request_reads_the_user_from_the_cache(client):
    learner = UserFactory()
    client.force_login(learner)
    url = reverse("courses:my_learning")
    first, first_queries = user_queries(client, url)
    second, second_queries = user_queries(client, url)
    assert first.status_code == second.status_code == 200
    assert len(first_queries) == 1 and second_queries == []
    assert second.context["user"] == learner


def test_a_deactivated_user_is_signed_out_at_once(client):
    learner = UserFactory()
    client.force_login(learner)
    url = reverse("courses:my_learning")
    assert client.get(url).status_code == 200
    learner.is_active = False
    learner.save()
    assert cache.get(user_cache_key(learner.pk)) is None
    response = client.get(url)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_an_inactive_user_left_in_the_cache_is_still_refused(client):
    learner = UserFactory()
    client.force_login(learner)
    url = reverse("courses:my_learning")
    client.get(url)
    stale = cache.get(user_cache_key(learner.pk))
    stale.is_active = False
    cache.set(user_cache_key(learner.pk), stale)
    assert client.get(url).status_code == 302


def test_a_bulk_password_reset_signs_the_students_out(client, school_a):
    """bulk_update sends no signal: the reset must drop the cached students itself,
    or their open sessions would still match the old password."""
    school_class = SchoolClassFactory(organisation=school_a, name="10A1")
    student = LearnerMembershipFactory(school_class=school_class).user
    coordinator = member_of(school_a, Membership.Role.COORDINATOR, username="giaovien")
    student_client = client.__class__()
    student_client.force_login(student)
    url = reverse("courses:my_learning")
    assert student_client.get(url).status_code == 200  # now cached

    client.force_login(coordinator)
    response = client.post(
        reverse("coordinator:reset_passwords", args=[school_class.pk]),
        {"user": student.pk},
    )
    assert response["Content-Type"] == "application/pdf"
    assert User.objects.get(pk=student.pk).must_change_password

    response = student_client.get(url)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_wagtail_bulk_mark_as_inactive_signs_the_user_out_at_once(client):
    """Wagtail's bulk "set active state" is a queryset update (no signal): issue 14,
    finding 7. The user's open session must end with the next request."""
    learner = UserFactory()
    learner_client = client.__class__()
    learner_client.force_login(learner)
    url = reverse("courses:my_learning")
    assert learner_client.get(url).status_code == 200  # now cached

    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client.force_login(admin)
    bulk = reverse("wagtail_bulk_action", args=["people", "user", "set_active_state"])
    response = client.post(f"{bulk}?id={learner.pk}", {"mark_as_active": "False"})
    assert response.status_code == 302
    assert not User.objects.get(pk=learner.pk).is_active

    response = learner_client.get(url)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_any_queryset_update_of_users_drops_their_cached_copies():
    users = UserFactory.create_batch(2)
    for user in users:
        cache.set(user_cache_key(user.pk), user)
    User.objects.filter(pk=users[0].pk).update(is_active=False)
    assert cache.get(user_cache_key(users[0].pk)) is None
    assert cache.get(user_cache_key(users[1].pk)) is not None
