"""Department administrators: search, roles, moves and the audit log (issue 13.5).

A province with two communes; the administrator of commune A manages its two
schools; another province's school is out of reach. Every refused change leaves the
database as it was and says why.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from courses.models import ClassEnrolment, Enrolment
from people import audit
from people.models import AuditEntry, Membership, Organisation, Transfer
from reports import queries
from reports.filters import ReportFilters
from reports.tree import UnitTree
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    SchoolClassFactory,
    UserFactory,
    build_course,
)

pytestmark = pytest.mark.django_db
LEARNER = Membership.Role.LEARNER


def _fresh(unit):
    return Organisation.objects.get(pk=unit.pk)


class Area:
    def __init__(self):
        self.province = OrganisationFactory(code="19", name="Tỉnh A", kind="province")
        self.commune = OrganisationFactory(
            parent=self.province, code="19-X01", kind="commune"
        )
        self.school = OrganisationFactory(
            parent=_fresh(self.commune), code="19-T01", name="Trường THPT Bắc Kạn"
        )
        self.school2 = OrganisationFactory(
            parent=_fresh(self.commune), code="19-T03", name="Trường THPT Ba Bể"
        )
        self.commune_b = OrganisationFactory(
            parent=_fresh(self.province), code="19-X02", kind="commune"
        )
        self.school_b = OrganisationFactory(
            parent=_fresh(self.commune_b), code="19-T02", name="Trường THPT Chợ Đồn"
        )
        self.elsewhere = OrganisationFactory(code="20", name="Tỉnh B", kind="province")
        self.school_x = OrganisationFactory(
            parent=self.elsewhere, code="20-T01", name="Trường THPT Xa"
        )
        self.class_a = SchoolClassFactory(organisation=self.school, name="10A1")
        self.class_a2 = SchoolClassFactory(organisation=self.school2, name="10B2")
        self.class_x = SchoolClassFactory(organisation=self.school_x, name="10X1")
        self.admin = self.staff(self.commune, Membership.Role.ADMINISTRATOR, "qt_a")
        self.admin_b = self.staff(self.commune_b, Membership.Role.ADMINISTRATOR, "qt_b")
        self.learner = self.learner_in(
            self.class_a, username="ducanh", full_name="Nguyễn Đức Anh"
        )
        self.learner.citizen_id = "019206001234"
        self.learner.save()
        self.outsider = self.learner_in(self.class_x, full_name="Nguyễn Đức Xa")

    @staticmethod
    def staff(unit, role, username):
        user = UserFactory(username=username)
        MembershipFactory(user=user, organisation=unit, role=role)
        return user

    @staticmethod
    def learner_in(school_class, **fields):
        user = UserFactory(**fields)
        MembershipFactory(
            user=user,
            organisation=school_class.organisation,
            school_class=school_class,
            role=LEARNER,
        )
        return user


@pytest.fixture
def area(db):
    return Area()


@pytest.fixture
def admin_client(client, area):
    client.force_login(area.admin)
    return client


def _snapshot():
    return (
        sorted(
            Membership.objects.values_list(
                "pk", "user_id", "organisation_id", "school_class_id", "role"
            )
        ),
        Transfer.objects.count(),
        AuditEntry.objects.count(),
    )


# --- search -----------------------------------------------------------------


@pytest.mark.parametrize("query", ["nguyen duc anh", "ĐỨC ANH", "ducanh", "0192060"])
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
    before = _snapshot()
    response = admin_client.post(
        reverse("people_admin:appoint", args=[area.outsider.pk]),
        {"organisation": area.school.pk, "role": "coordinator"},
    )
    assert response.status_code == 404 and _snapshot() == before


def test_the_department_link_shows_for_administrators_only(client, area):
    client.force_login(area.admin)
    assert reverse("people_admin:people") in client.get("/tim-kiem/").content.decode()
    client.force_login(area.learner)
    assert reverse("people_admin:people") not in (
        client.get("/tim-kiem/").content.decode()
    )


# --- roles ------------------------------------------------------------------


def test_appointing_a_coordinator_is_recorded_in_the_same_change(admin_client, area):
    teacher = Area.learner_in(area.class_a, full_name="Phạm Thu Trang")
    response = admin_client.post(
        reverse("people_admin:appoint", args=[teacher.pk]),
        {"organisation": area.school2.pk, "role": "coordinator"},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=teacher, organisation=area.school2, role="coordinator"
    ).exists()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_user, entry.organisation) == (
        area.admin,
        AuditEntry.Action.APPOINT,
        teacher,
        area.school2,
    )
    assert entry.after["organisation"] == "Trường THPT Ba Bể"


@pytest.mark.parametrize(
    ("unit", "role", "message"),
    [
        ("school_x", "coordinator", "không thuộc phạm vi"),  # another province
        ("school_b", "viewer", "không thuộc phạm vi"),  # another commune
        ("school", "administrator", "không thể giao"),  # not given on this screen
        ("school", "learner", "không thể giao"),
    ],
)
def test_appointing_outside_the_area_or_a_wrong_role_is_refused(
    admin_client, area, unit, role, message
):
    before = _snapshot()
    response = admin_client.post(
        reverse("people_admin:appoint", args=[area.learner.pk]),
        {"organisation": getattr(area, unit).pk, "role": role},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _snapshot() == before


def test_appointing_twice_is_refused_with_a_message(admin_client, area):
    url = reverse("people_admin:appoint", args=[area.learner.pk])
    data = {"organisation": area.school.pk, "role": "viewer"}
    assert admin_client.post(url, data).status_code == 302
    before = _snapshot()
    response = admin_client.post(url, data)
    assert response.status_code == 400
    assert "đã có vai trò này" in response.content.decode()
    assert _snapshot() == before


def test_removing_a_role_warns_when_the_unit_has_no_coordinator_left(
    admin_client, area
):
    coordinator = Area.staff(area.school, Membership.Role.COORDINATOR, "gv_a")
    membership = Membership.objects.get(user=coordinator)
    response = admin_client.post(
        reverse("people_admin:remove_role", args=[coordinator.pk]),
        {"membership": membership.pk},
        follow=True,
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    text = response.content.decode()
    assert "Đã gỡ vai trò" in text and "không còn người điều phối" in text
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.REMOVE_ROLE
    assert entry.before["role"] == "coordinator"


def test_a_forged_membership_id_removes_nothing(admin_client, area):
    """A role in another commune, or a learner place, is not the administrator's
    to remove — even with the id of a person they do manage."""
    other = Area.staff(area.school_b, Membership.Role.COORDINATOR, "gv_b")
    teacher = Area.staff(area.school, Membership.Role.COORDINATOR, "gv_a")
    url = reverse("people_admin:remove_role", args=[teacher.pk])
    before = _snapshot()
    for forged in (
        Membership.objects.get(user=other).pk,
        Membership.objects.get(user=area.learner).pk,
        "abc",
        "99999999999999999999999",
    ):
        response = admin_client.post(url, {"membership": forged})
        assert response.status_code == 400
    assert _snapshot() == before


# --- moves --------------------------------------------------------------------


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
    before = _snapshot()
    response = _move(
        admin_client,
        area,
        getattr(area, unit),
        getattr(area, school_class) if school_class else None,
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _snapshot() == before


def test_a_learner_place_of_another_area_cannot_be_moved(admin_client, area):
    """The learner also has a place in another commune: it is not offered, and a
    forged id for it is refused."""
    other = Membership.objects.create(
        user=area.learner, organisation=area.school_b, role=LEARNER
    )
    before = _snapshot()
    response = _move(admin_client, area, area.school2, place=other)
    assert response.status_code == 400
    assert _snapshot() == before


def test_a_move_is_all_or_nothing(admin_client, area, course, monkeypatch):
    going = _enrol(area.learner, course, area.class_a)

    def broken(*args, **kwargs):
        raise RuntimeError("audit storage failed")

    monkeypatch.setattr(audit, "record", broken)
    before = _snapshot()
    with pytest.raises(RuntimeError):
        admin_client.post(
            reverse("people_admin:move", args=[area.learner.pk]),
            {
                "place": Membership.objects.get(user=area.learner, role=LEARNER).pk,
                "organisation": area.school2.pk,
                "school_class": "",
            },
        )
    assert _snapshot() == before
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


# --- audit log ----------------------------------------------------------------


def test_the_audit_log_shows_only_entries_about_the_area(client, area):
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            area.admin, audit.Action.APPOINT, target_user=area.learner,
            organisation=area.school, after={"organisation": "A", "role": "viewer"},
        )  # fmt: skip
        audit.record(
            area.admin_b, audit.Action.APPOINT, target_user=area.outsider,
            organisation=area.school_b, after={"organisation": "B", "role": "viewer"},
        )  # fmt: skip
        audit.record(
            area.admin, audit.Action.MOVE, target_user=area.learner,
            organisation=area.school_b, other_organisation=area.school,
        )  # fmt: skip
    client.force_login(area.admin)
    url = reverse("people_admin:audit")
    entries = list(client.get(url).context["page"].object_list)
    assert len(entries) == 2 and all(
        area.school in (e.organisation, e.other_organisation) for e in entries
    )
    moves = client.get(url, {"hanh_dong": "move"}).context["page"].object_list
    assert [e.action for e in moves] == ["move"]
    client.force_login(area.admin_b)
    assert len(client.get(url).context["page"].object_list) == 2  # B's and the move


def test_the_audit_log_pages_in_a_fixed_number_of_queries(
    admin_client, area, django_assert_max_num_queries
):
    from django.db import transaction

    with transaction.atomic():
        for _n in range(60):
            audit.record(
                area.admin, audit.Action.APPOINT, target_user=area.learner,
                organisation=area.school, after={"role": "viewer"},
            )  # fmt: skip
    admin_client.get(reverse("people_admin:audit"))  # portal settings made once
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("people_admin:audit"))
    assert len(response.context["page"].object_list) == 50


def test_the_wagtail_admin_shows_the_audit_log_read_only_to_superusers(client, area):
    from django.db import transaction

    with transaction.atomic():
        audit.record(
            area.admin, audit.Action.APPOINT, target_user=area.learner,
            organisation=area.school, after={"role": "viewer"},
        )  # fmt: skip
    entry = AuditEntry.objects.get()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    index = reverse("audit-log:index")
    assert client.get(index).status_code == 200
    assert client.get(reverse("audit-log:inspect", args=[entry.pk])).status_code == 200
    for name in ("audit-log:edit", "audit-log:delete"):
        assert client.post(reverse(name, args=[entry.pk]), {}).status_code in (
            302,
            403,
        )
    assert client.post(reverse("audit-log:add"), {"action": "move"}).status_code in (
        302,
        403,
    )
    assert AuditEntry.objects.count() == 1
    entry.refresh_from_db()
    assert entry.action == "appoint"
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(index).status_code in (302, 403)
