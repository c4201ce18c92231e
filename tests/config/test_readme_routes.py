"""Every address the README names exists (it once named a /chung-nhan/ that was 404)."""

import re

import pytest
from django.conf import settings

from people.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

README = settings.BASE_DIR / "README.md"


def readme_routes():
    """The site paths the README names in `backticks` (file paths excluded)."""
    paths = set(re.findall(r"`(/[^`\s]*)`", README.read_text(encoding="utf-8")))
    # System folders, and the prefixes of served files (no page at /media/ itself).
    others = ("/usr/", "/etc/", "/var/", "/media/", "/static/")
    return sorted(p for p in paths if not p.startswith(others))


def test_the_readme_names_the_main_routes():
    routes = readme_routes()
    assert {
        "/admin/",
        "/hoc-tap-cua-toi/",
        "/thong-ke/",
        "/chung-nhan/xac-minh/",
    } <= set(routes)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", [route for route in readme_routes() if "<" not in route]
)
def test_every_route_in_the_readme_answers(client, home_page, route):
    """Signed in as someone with every role: the pages answer (200 or a redirect)."""
    user = UserFactory(is_staff=True, is_superuser=True)
    province = OrganisationFactory(kind="province", code="19")
    school = OrganisationFactory(parent=province)
    MembershipFactory(user=user, organisation=province, role=Membership.Role.VIEWER)
    MembershipFactory(user=user, organisation=school, role=Membership.Role.COORDINATOR)
    MembershipFactory(
        user=user, organisation=province, role=Membership.Role.ADMINISTRATOR
    )
    client.force_login(user)
    response = client.get(route)
    assert response.status_code in (200, 301, 302), (route, response.status_code)
