"""Programmes on My learning (progress, bounded queries) and in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from courses.models import (
    Audience,
    Enrolment,
    Programme,
    ProgrammeCompletion,
    ProgrammeCourse,
)
from people.models import Membership
from tests.factories import CourseFactory, OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db


def make_programme(title, courses, audience=None, **rule):
    programme = Programme.objects.create(title=title, audience=audience, **rule)
    for order, course in enumerate(courses):
        ProgrammeCourse.objects.create(
            programme=programme, course=course, sort_order=order
        )
    return programme


@pytest.fixture
def courses(home_page):
    return [
        CourseFactory(parent=home_page, lessons=1, title=f"Khoá {n}", slug=f"k-{n}")
        for n in range(1, 5)
    ]


def test_my_learning_shows_each_programme_in_order_with_bounded_queries(
    client, courses, django_assert_max_num_queries
):
    office = OrganisationFactory(kind="one_stop_office", name="Bộ phận một cửa xã A")
    learner = member_of(office, Membership.Role.LEARNER)
    staff = Audience.objects.create(
        name="Cán bộ một cửa", slug="mot-cua", organisation_kind="one_stop_office"
    )
    now = timezone.now()
    Enrolment.objects.create(user=learner, course=courses[2], completed_at=now)
    Enrolment.objects.create(user=learner, course=courses[0])
    mine = make_programme("Kỹ năng số một cửa", [courses[2], courses[0], courses[1]])
    make_programme("Ngoài lề", [courses[3]])  # nothing of the learner's: not shown
    client.force_login(learner)
    url = reverse("courses:my_learning")
    counts = []
    for extra in range(3):  # more programmes for the learner's audience, same queries
        client.get(url)  # warm the per-process caches
        with django_assert_max_num_queries(20) as captured:
            response = client.get(url)
        counts.append(len(captured.captured_queries))
        make_programme(f"Theo đối tượng {extra}", courses[:2], audience=staff)
    assert len(set(counts)) == 1, counts
    text = response.content.decode()
    assert "Ngoài lề" not in text
    assert text.count("Theo đối tượng") == 2  # the third was made after the last get
    section = text[text.index("Kỹ năng số một cửa") :]
    section = section[: section.index("</li>\n  \n")]
    assert "1/3 khoá học" in section
    assert section.index("Khoá 3") < section.index("Khoá 1") < section.index("Khoá 2")
    assert "Chưa ghi danh" in section and "Đang học" in section

    ProgrammeCompletion.objects.create(programme=mine, user=learner)
    assert "Đã hoàn thành chương trình ngày" in client.get(url).content.decode()


def test_editors_build_a_programme_in_the_admin(client, courses):
    editor = UserFactory(username="bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    form = {
        "title": "Kỹ năng số  cho cán bộ một cửa",
        "description": "",
        "rule": "at_least",
        "required_courses": "2",
        "programme_courses-TOTAL_FORMS": "2",
        "programme_courses-INITIAL_FORMS": "0",
        "programme_courses-MIN_NUM_FORMS": "1",
        "programme_courses-MAX_NUM_FORMS": "1000",
    }
    for n, course in enumerate([courses[1], courses[0]]):
        form |= {
            f"programme_courses-{n}-course": str(course.pk),
            f"programme_courses-{n}-ORDER": str(n + 1),
            f"programme_courses-{n}-id": "",
            f"programme_courses-{n}-DELETE": "",
        }
    page = client.get("/admin/snippets/courses/programme/add/").content.decode()
    assert "Ít nhất một số khoá học" in page
    response = client.post("/admin/snippets/courses/programme/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    programme = Programme.objects.get()
    assert programme.title == "Kỹ năng số cho cán bộ một cửa"
    ordered = programme.programme_courses.order_by("sort_order")
    assert [c.course_id for c in ordered] == [courses[1].pk, courses[0].pk]
    listing = client.get("/admin/snippets/courses/programme/").content.decode()
    assert "Kỹ năng số cho cán bộ một cửa" in listing
    edit = client.get(f"/admin/snippets/courses/programme/edit/{programme.pk}/")
    assert edit.status_code == 200
