"""Merged and split units in the statistics, on a hand-computed province.

    Tỉnh P (viewer v_p)
    ├── Xã Y (viewer v_y): THCS Y, class Y1 = 2 learners enrolled 05/10, 1 completed
    ├── Xã Z (viewer v_z): THCS Z, class Z1 = 1 learner enrolled 05/10
    ├── Xã X: split on 01/10/2026 into Y and Z; THCS X, class X1 = 3 learners
    │   enrolled 01/09, 1 completed (before the split: they stay on X)
    └── Xã M: merged into Y on 01/10/2026; THCS M, class M1 = 2 learners enrolled
        01/09, both completed (the successor took over: they add into Y)

Province: 8 enrolled, 4 completed = X 3 + Y (2 + M 2) + Z 1 — each counted once.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from courses.models import Enrolment
from people.models import Membership, Organisation, UnitEvent
from people.unit_events import record_event
from tests.factories import (
    CourseFactory,
    OrganisationFactory,
    SchoolClassFactory,
    learner_in,
    member_of,
)

pytestmark = pytest.mark.django_db

SPLIT_DAY = date(2026, 10, 1)


def _unit(parent, name, kind="commune"):
    parent = Organisation.objects.get(pk=parent.pk)
    return OrganisationFactory(parent=parent, name=name, kind=kind)


def _class_with(unit, name, course, when, n, completed):
    school = _unit(unit, f"THCS {name}", "school")
    school_class = SchoolClassFactory(organisation=school, name=f"{name}1")
    for _ in range(n):
        Enrolment.objects.create(
            user=learner_in(school_class),
            course=course,
            organisation=school,
            school_class=school_class,
        )
    enrolments = Enrolment.objects.filter(school_class=school_class).order_by("pk")
    enrolments.update(enrolled_at=when)
    done = enrolments.values_list("pk", flat=True)[:completed]
    Enrolment.objects.filter(pk__in=list(done)).update(
        completed_at=when, status=Enrolment.Status.COMPLETED
    )
    return school, school_class


@pytest.fixture
def world(home_page):
    course = CourseFactory(parent=home_page)
    p = OrganisationFactory(name="Tỉnh P", kind="province")
    units = {name: _unit(p, f"Xã {name}") for name in "YZXM"}
    sep, octo = (
        datetime(2026, 9, 1, 8, tzinfo=UTC),
        datetime(2026, 10, 5, 8, tzinfo=UTC),
    )
    schools = {
        "Y": _class_with(units["Y"], "Y", course, octo, 2, 1),
        "Z": _class_with(units["Z"], "Z", course, octo, 1, 0),
        "X": _class_with(units["X"], "X", course, sep, 3, 1),
        "M": _class_with(units["M"], "M", course, sep, 2, 2),
    }
    y, z, x, m = (Organisation.objects.get(pk=units[k].pk) for k in "YZXM")
    record_event(UnitEvent.Kind.SPLIT, SPLIT_DAY, [x], [y, z])
    record_event(
        UnitEvent.Kind.MERGE, SPLIT_DAY, [Organisation.objects.get(pk=m.pk)], [y]
    )
    role = Membership.Role.VIEWER
    return {
        "p": p,
        **{k: Organisation.objects.get(pk=units[k].pk) for k in "YZXM"},
        "schools": schools,
        "v_p": member_of(p, role),
        "v_y": member_of(units["Y"], role),
        "v_z": member_of(units["Z"], role),
    }


def _page(client, user, unit=None, **params):
    client.force_login(user)
    url = (
        reverse("reports:unit", args=[unit.pk])
        if unit
        else reverse("reports:dashboard")
    )
    return client.get(url, params)


def _rows(response):
    return {
        r["label"]: (r["enrolled"], r["completed"]) for r in response.context["rows"]
    }


def test_event_sets_validity_and_successor(world):
    x, m = world["X"], world["M"]
    assert x.active_until == m.active_until == date(2026, 9, 30)
    assert world["Y"].active_from == SPLIT_DAY
    assert m.succeeded_by == world["Y"] and x.succeeded_by is None


def test_province_counts_split_and_merged_units_once(client, world):
    response = _page(client, world["v_p"])
    assert _rows(response) == {"Xã X": (3, 1), "Xã Y": (4, 3), "Xã Z": (1, 0)}
    assert response.context["summary"]["enrolled"] == 8  # 3 + 4 + 1, never twice
    notes = {r["label"]: r.get("note") for r in response.context["rows"]}
    assert notes["Xã X"] == "tách thành Xã Y, Xã Z ngày 01/10/2026"


def test_split_unit_before_and_after_its_date(client, world):
    before = _page(client, world["v_p"], **{"den-ngay": "2026-09-30"})
    # before the split: X's own figures on X; Y only holds what M brought
    assert _rows(before) == {"Xã X": (3, 1), "Xã Y": (2, 2), "Xã Z": (0, 0)}
    assert before.context["summary"]["enrolled"] == 5
    after = _page(client, world["v_p"], **{"tu-ngay": "2026-10-01"})
    assert _rows(after) == {"Xã X": (0, 0), "Xã Y": (2, 1), "Xã Z": (1, 0)}
    assert after.context["summary"]["enrolled"] == 3


def test_successor_page_links_merged_row_and_split_predecessor(client, world):
    response = _page(client, world["v_y"], world["Y"])
    assert response.status_code == 200
    rows = {r["label"]: r for r in response.context["rows"]}
    assert (rows["Xã M"]["enrolled"], rows["Xã M"]["completed"]) == (2, 2)
    assert rows["Xã M"]["url"].startswith(reverse("reports:unit", args=[world["M"].pk]))
    assert rows["Xã M"]["merged"] and not rows["Xã M"].get("itself")
    # Y's figures: its school and M; X's (split) stay on X
    assert response.context["summary"]["enrolled"] == 4
    formed = response.context["lineage"]["formed"]
    linked = {name for _note, units in formed for name, _url in units}
    assert linked == {"Xã M", "Xã X"}
    assert 'href="{}'.format(reverse("reports:unit", args=[world["X"].pk])) in (
        response.content.decode()
    )


def test_merged_unit_page_shows_its_own_figures(client, world):
    response = _page(client, world["v_y"], world["M"])
    assert response.status_code == 200
    assert response.context["summary"]["enrolled"] == 2
    assert _rows(response) == {"THCS M": (2, 2)}
    note, units = response.context["lineage"]["ended"]
    assert units == [("Xã Y", units[0][1])] and units[0][1]
    school, school_class = world["schools"]["M"]
    assert _page(client, world["v_y"], school).status_code == 200
    client.force_login(world["v_y"])
    url = reverse("reports:class", args=[school_class.pk])
    assert client.get(url).context["summary"]["enrolled"] == 2


def test_other_units_viewers_cannot_open_the_merged_unit(client, world):
    school, school_class = world["schools"]["M"]
    for unit in (world["M"], school):
        assert _page(client, world["v_z"], unit).status_code == 404
    client.force_login(world["v_z"])
    assert (
        client.get(reverse("reports:class", args=[school_class.pk])).status_code == 404
    )
    # a split unit is open to the viewers of each of its successors
    assert _page(client, world["v_z"], world["X"]).status_code == 200


def test_merged_school_of_stats_data_opens_for_its_successor_only(client, stats):
    for user, status in ((stats.coord_s1, 200), (stats.coord_s4, 404)):
        client.force_login(user)
        for url in (
            reverse("reports:unit", args=[stats.s3.pk]),
            reverse("reports:class", args=[stats.k3.pk]),
        ):
            assert client.get(url).status_code == status, (user, url)
