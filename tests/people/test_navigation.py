"""The header shows each person the rooms they may enter, and only those."""

import pytest
from django.urls import reverse

from people.models import Membership
from tests.factories import MembershipFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def header_links(client, home_page):
    html = client.get("/").content.decode()
    return {
        "coordination": reverse("coordinator:home") in html,
        "statistics": reverse("reports:dashboard") in html,
    }


@pytest.mark.parametrize(
    ("unit", "role", "statistics"),
    [
        ("school_a", Membership.Role.LEARNER, False),  # neither room
        ("province", Membership.Role.VIEWER, True),  # a department viewer
    ],
)
def test_a_learner_or_viewer_sees_no_coordination(
    client, home_page, request, unit, role, statistics
):
    client.force_login(member_of(request.getfixturevalue(unit), role))
    assert header_links(client, home_page) == {
        "coordination": False,
        "statistics": statistics,
    }


def test_a_coordinator_sees_both(client, home_page, coordinator_a):
    client.force_login(coordinator_a)
    assert header_links(client, home_page) == {"coordination": True, "statistics": True}


def test_a_new_role_shows_at_once(client, home_page, province):
    user = UserFactory()
    client.force_login(user)
    assert header_links(client, home_page)["statistics"] is False
    MembershipFactory(user=user, organisation=province, role=Membership.Role.VIEWER)
    assert header_links(client, home_page)["statistics"] is True


def test_everyone_finds_the_open_data(client, home_page):
    assert reverse("open_data:index") in client.get("/").content.decode()
