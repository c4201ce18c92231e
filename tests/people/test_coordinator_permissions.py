"""Permission matrix: every coordinator URL × another school's objects → 404.

The URLs come from the URL modules themselves, so a new coordinator page is checked
without anyone remembering to add it here.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from courses import coordinator_urls as course_urls
from people import coordinator_urls as people_urls
from people.models import Membership, RosterImport
from reports.class_progress import urls as report_urls
from tests.factories import UserFactory, build_course, member_of

pytestmark = pytest.mark.django_db

MODULES = [people_urls, course_urls, report_urls]


def object_urls(objects):
    """(url name, url) for every coordinator pattern, filled with ``objects``."""
    for module in MODULES:
        for pattern in module.urlpatterns:
            params = list(pattern.pattern.converters)
            if not params:
                continue
            name = f"{module.app_name}:{pattern.name}"
            yield name, reverse(name, kwargs={p: objects[p] for p in params})


@pytest.fixture
def other_school_objects(class_b, school_b, home_page):
    course, quiz = build_course(home_page)
    student = Membership.objects.get(school_class=class_b).user
    job = RosterImport(organisation=school_b, school_year="2026-2027", filename="b.csv")
    job.file.save("b.csv", ContentFile(b"x"), save=False)
    job.slips.save("b.pdf", ContentFile(b"%PDF"), save=False)
    job.error_rows.save("b-err.csv", ContentFile(b"x"), save=False)
    job.save()
    return {
        "class_id": class_b.pk,
        "user_id": student.pk,
        "import_id": job.pk,
        "course_id": course.pk,
        "quiz_id": quiz.pk,
    }


def test_every_coordinator_url_hides_another_schools_objects(
    client, coordinator_a, other_school_objects
):
    client.force_login(coordinator_a)
    checked = 0
    for name, url in object_urls(other_school_objects):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (404, 405), (
                name,
                method,
                response.status_code,
            )
            if response.status_code == 404:
                checked += 1
    assert checked >= 12
    assert Membership.objects.filter(
        school_class_id=other_school_objects["class_id"]
    ).exists()


def test_the_owning_coordinator_reaches_them(
    client, coordinator_b, other_school_objects
):
    client.force_login(coordinator_b)
    for name in ("coordinator:class", "class_courses:list", "class_progress:progress"):
        url = reverse(name, kwargs={"class_id": other_school_objects["class_id"]})
        assert client.get(url).status_code == 200, name


def test_learners_and_visitors_get_nothing(client, other_school_objects):
    for name, url in object_urls(other_school_objects):
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("people:login"))
    client.force_login(UserFactory())
    assert client.get(reverse("coordinator:home")).status_code == 404
    for name, url in object_urls(other_school_objects):
        assert client.get(url).status_code in (404, 405), name


def test_a_province_level_coordinator_sees_every_school(
    client, province, class_b, school_a
):

    user = member_of(province, Membership.Role.COORDINATOR)
    client.force_login(user)
    url = reverse("coordinator:class", kwargs={"class_id": class_b.pk})
    assert client.get(url).status_code == 200
