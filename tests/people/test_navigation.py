"""The header shows each person the rooms they may enter, and only those."""

import pytest
from django.urls import reverse

from people.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def header_links(client, home_page):
    html = client.get("/").content.decode()
    return {
        "coordination": reverse("coordinator:home") in html,
        "statistics": reverse("reports:dashboard") in html,
    }


def test_a_learner_sees_neither_coordination_nor_statistics(
    client, home_page, school_a
):
    learner = UserFactory()
    MembershipFactory(user=learner, organisation=school_a, role=Membership.Role.LEARNER)
    client.force_login(learner)
    assert header_links(client, home_page) == {
        "coordination": False,
        "statistics": False,
    }


def test_a_coordinator_sees_both(client, home_page, coordinator_a):
    client.force_login(coordinator_a)
    assert header_links(client, home_page) == {"coordination": True, "statistics": True}


def test_a_department_viewer_sees_statistics_only(client, home_page, province):
    viewer = UserFactory()
    MembershipFactory(user=viewer, organisation=province, role=Membership.Role.VIEWER)
    client.force_login(viewer)
    assert header_links(client, home_page) == {
        "coordination": False,
        "statistics": True,
    }


def test_a_new_role_shows_at_once(client, home_page, province):
    user = UserFactory()
    client.force_login(user)
    assert header_links(client, home_page)["statistics"] is False
    MembershipFactory(user=user, organisation=province, role=Membership.Role.VIEWER)
    assert header_links(client, home_page)["statistics"] is True


def test_everyone_finds_the_open_data(client, home_page):
    assert reverse("open_data:index") in client.get("/").content.decode()
