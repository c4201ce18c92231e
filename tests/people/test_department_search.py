"""Department administrators find the people of their area (issue 13.5): by name
without accents, username or citizen ID, in a fixed number of queries; no one else
can look.
"""

import pytest
from django.urls import reverse

from people.models import Membership
from tests.factories import (
    UserFactory,
)
from tests.people import department_area
from tests.people.department_area import Area, snapshot

pytestmark = pytest.mark.django_db

# The area, and its administrator signed in (tests/people/department_area.py).
area = department_area.area
admin_client = department_area.admin_client


@pytest.mark.parametrize(
    "query", ["nguyen duc anh", "ĐỨC ANH", "ducanh", "019206001234"]
)
def test_search_finds_by_name_without_accents_username_or_citizen_id(
    admin_client, area, query
):
    response = admin_client.get(reverse("people_admin:people"), {"q": query})
    assert response.status_code == 200
    found = list(response.context["page"].object_list)
    assert area.learner in found
    assert area.outsider not in found  # another province: never listed


def test_search_pages_through_people_in_a_fixed_number_of_queries(
    admin_client, area, django_assert_max_num_queries
):
    for n in range(40):
        Area.learner_in(area.class_a, full_name=f"Trần Văn Bình {n}")
    url = reverse("people_admin:people")
    with django_assert_max_num_queries(12):
        response = admin_client.get(url, {"q": "tran van binh"})
    page = response.context["page"]
    assert page.paginator.count == 40 and len(page.object_list) == 25
    assert 'href="?q=tran+van+binh&amp;trang=2"' in response.content.decode()
    second = admin_client.get(url, {"q": "tran van binh", "trang": 2})
    assert len(second.context["page"].object_list) == 15


def test_an_account_that_belongs_nowhere_is_found_only_by_exact_username(
    admin_client, area
):
    fresh = UserFactory(username="cogiao_moi", full_name="Lê Thị Mới")
    url = reverse("people_admin:people")
    assert fresh not in admin_client.get(url, {"q": "le thi moi"}).context["page"]
    assert fresh in admin_client.get(url, {"q": "cogiao_moi"}).context["page"]
    staff = UserFactory(username="bientap", is_staff=True)
    assert staff not in admin_client.get(url, {"q": "bientap"}).context["page"]
    person = reverse("people_admin:person", args=[staff.pk])
    assert admin_client.get(person).status_code == 404


def test_other_roles_get_a_404(client, area):
    coordinator = Area.staff(area.school, Membership.Role.COORDINATOR, "gv")
    client.force_login(coordinator)
    assert client.get(reverse("people_admin:people")).status_code == 404
    assert client.get(reverse("people_admin:audit")).status_code == 404


def test_a_person_of_another_area_is_a_404(admin_client, area):
    url = reverse("people_admin:person", args=[area.outsider.pk])
    assert admin_client.get(url).status_code == 404
    before = snapshot()
    response = admin_client.post(
        reverse("people_admin:appoint", args=[area.outsider.pk]),
        {"organisation": area.school.pk, "role": "coordinator"},
    )
    assert response.status_code == 404 and snapshot() == before


def test_the_department_link_shows_for_administrators_only(client, area):
    client.force_login(area.admin)
    assert reverse("people_admin:people") in client.get("/tim-kiem/").content.decode()
    client.force_login(area.learner)
    assert reverse("people_admin:people") not in (
        client.get("/tim-kiem/").content.decode()
    )
