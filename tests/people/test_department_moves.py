"""Department administrators move a learner to another unit of their area (issue
13.5): history and results stay, unfinished courses follow, statistics follow from
the move on; a refused or failed move changes nothing.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import ClassEnrolment, Enrolment
from people import audit
from people.models import AuditEntry, Membership, Transfer
from reports.dashboard import queries
from reports.filters import ReportFilters
from reports.tree import UnitTree
from tests.factories import build_course
from tests.people import department_area
from tests.people.department_area import LEARNER, Area, snapshot

pytestmark = pytest.mark.django_db

# The area, and its administrator signed in (tests/people/department_area.py).
area = department_area.area
admin_client = department_area.admin_client


@pytest.fixture
def course(home_page):
    return build_course(home_page, lessons=1)[0]


@pytest.fixture
def course2(home_page):
    return build_course(home_page, lessons=1, slug="khoa-2")[0]


def _enrol(user, course, school_class, completed=False):
    return Enrolment.objects.create(
        user=user,
        course=course,
        organisation=school_class.organisation,
        school_class=school_class,
        completed_at=timezone.now() if completed else None,
        status="completed" if completed else "active",
    )


def _move(client, area, unit, school_class=None, place=None):
    place = place or Membership.objects.get(user=area.learner, role=LEARNER)
    return client.post(
        reverse("people_admin:move", args=[area.learner.pk]),
        {
            "place": place.pk,
            "organisation": unit.pk,
            "school_class": school_class.pk if school_class else "",
        },
    )


def test_a_move_keeps_history_results_and_moves_only_unfinished_courses(
    admin_client, area, course, course2, home_page
):
    done = _enrol(area.learner, course, area.class_a, completed=True)
    going = _enrol(area.learner, course2, area.class_a)
    course3 = build_course(home_page, lessons=1, slug="khoa-3")[0]
    ClassEnrolment.objects.create(school_class=area.class_a2, course=course3)
    place = Membership.objects.get(user=area.learner, role=LEARNER)

    response = _move(admin_client, area, area.school2, area.class_a2)

    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.organisation, place.school_class) == (area.school2, area.class_a2)
    transfer = Transfer.objects.get()
    assert (transfer.from_organisation, transfer.from_class) == (
        area.school,
        area.class_a,
    )
    assert (transfer.to_class, transfer.moved_by) == (area.class_a2, area.admin)
    done.refresh_from_db()
    going.refresh_from_db()
    # Completed where it was earned; the unfinished course follows the learner.
    assert (done.organisation, done.school_class) == (area.school, area.class_a)
    assert (going.organisation, going.school_class) == (area.school2, area.class_a2)
    assert Enrolment.objects.get(user=area.learner, course=course3).school_class == (
        area.class_a2
    )
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.MOVE
    assert entry.before["class"].startswith("10A1")
    assert entry.after["class"].startswith("10B2")
    assert (entry.organisation, entry.other_organisation) == (area.school2, area.school)
    # An enrolment made after the move counts at the new place.
    placement = Enrolment.placement_of(area.learner.pk)
    assert placement == (area.school2.pk, area.class_a2.pk)


def test_statistics_follow_the_new_unit_from_the_move_on(
    admin_client, area, course, course2
):
    _enrol(area.learner, course, area.class_a, completed=True)
    _enrol(area.learner, course2, area.class_a)
    viewer = Area.staff(area.province, Membership.Role.VIEWER, "xem")
    before = queries.by_unit(ReportFilters.for_user(viewer, {}), UnitTree())
    assert before[area.school.pk]["enrolled"] == 2

    assert _move(admin_client, area, area.school2).status_code == 302

    after = queries.by_unit(ReportFilters.for_user(viewer, {}), UnitTree())
    assert after[area.school.pk]["completed"] == 1  # the past is not rewritten
    assert after[area.school.pk]["enrolled"] == 1
    assert after[area.school2.pk]["enrolled"] == 1
    assert after[area.school2.pk]["completed"] == 0


@pytest.mark.parametrize(
    ("unit", "school_class", "message"),
    [
        ("school", "class_a", "đã ở đó"),  # same place
        ("school2", "class_a", "không thuộc đơn vị"),  # a class of another school
        ("school_b", None, "không thuộc phạm vi"),  # another commune
        ("school_x", "class_x", "không thuộc phạm vi"),  # another province
        ("commune", None, "không thuộc phạm vi"),  # not a school: not offered
    ],
)
def test_nonsense_moves_are_refused_and_change_nothing(
    admin_client, area, unit, school_class, message
):
    before = snapshot()
    response = _move(
        admin_client,
        area,
        getattr(area, unit),
        getattr(area, school_class) if school_class else None,
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_learner_place_of_another_area_cannot_be_moved(admin_client, area):
    """The learner also has a place in another commune: it is not offered, and a
    forged id for it is refused."""
    other = Membership.objects.create(
        user=area.learner, organisation=area.school_b, role=LEARNER
    )
    before = snapshot()
    response = _move(admin_client, area, area.school2, place=other)
    assert response.status_code == 400
    assert snapshot() == before


def test_a_move_is_all_or_nothing(admin_client, area, course, monkeypatch):
    going = _enrol(area.learner, course, area.class_a)

    def broken(*args, **kwargs):
        raise RuntimeError("audit storage failed")

    monkeypatch.setattr(audit, "record", broken)
    before = snapshot()
    with pytest.raises(RuntimeError):
        admin_client.post(
            reverse("people_admin:move", args=[area.learner.pk]),
            {
                "place": Membership.objects.get(user=area.learner, role=LEARNER).pk,
                "organisation": area.school2.pk,
                "school_class": "",
            },
        )
    assert snapshot() == before
    going.refresh_from_db()
    assert going.organisation == area.school


def test_the_move_page_offers_the_classes_of_the_chosen_unit(admin_client, area):
    url = reverse("people_admin:move", args=[area.learner.pk])
    page = admin_client.get(url).content.decode()
    assert "Trường THPT Ba Bể" in page and "Trường THPT Chợ Đồn" not in page
    page = admin_client.get(url, {"organisation": area.school2.pk}).content.decode()
    assert "10B2" in page
    forged = admin_client.get(url, {"organisation": area.school_x.pk})
    assert forged.status_code == 200 and "10X1" not in forged.content.decode()
