"""The site's populations page (/nhan-su/dan-so/) for department administrators:
scoped listing, the form per unit and year, the CSV upload, the audit log."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Audience
from people.models import AuditEntry, Membership
from reports.models import Population
from tests.factories import member_of

pytestmark = pytest.mark.django_db

YEAR = "2026-2027"
LIST = "/nhan-su/dan-so/"


@pytest.fixture
def audiences(db):
    return (
        Audience.objects.create(name="Đoàn viên", slug="doan-vien"),
        Audience.objects.create(name="Giáo viên", slug="giao-vien"),
    )


@pytest.fixture
def c2_admin(stats):
    return member_of(stats.c2, Membership.Role.ADMINISTRATOR, username="admin_c2")


def _edit(unit):
    return reverse("populations_site:edit", args=[unit.pk]) + f"?nam-hoc={YEAR}"


def test_listing_is_scoped_with_each_audiences_figure(
    client, stats, audiences, c2_admin, django_assert_max_num_queries
):
    youth, teachers = audiences
    Population.objects.create(
        organisation=stats.s4, audience=youth, school_year=YEAR, headcount=1654
    )
    Population.objects.create(
        organisation=stats.s4,
        audience=teachers,
        school_year=YEAR,
        counted_from_rosters=True,
    )
    Population.objects.create(  # another year: not shown
        organisation=stats.c2, audience=youth, school_year="2025-2026", headcount=7
    )
    client.force_login(c2_admin)
    with django_assert_max_num_queries(13):
        response = client.get(LIST, {"nam-hoc": YEAR})
    assert response.status_code == 200
    columns = response.context["audiences"]
    rows = {
        r["unit"].code: dict(zip(columns, r["figures"], strict=True))
        for r in response.context["rows"]
    }
    assert set(rows) == {"19-C2", "19-S4"}  # Phường Một's units are another area's
    assert rows["19-C2"] == {youth: None, teachers: None}
    assert rows["19-S4"][youth].headcount == 1654
    assert rows["19-S4"][teachers].counted_from_rosters
    html = response.content.decode()
    assert "1.654" in html and "THPT Chu Văn An" not in html
    assert 'aria-current="page"' in html  # the tab in the people pages' nav
    # A unit of another area as the filter, or as the form's id: 404.
    assert client.get(LIST, {"don-vi": stats.c1.pk}).status_code == 404
    assert client.get(_edit(stats.s1)).status_code == 404
    assert client.post(_edit(stats.s1), {}).status_code == 404


def test_query_count_does_not_grow_with_units(
    client, stats, audiences, django_assert_max_num_queries
):
    admin = member_of(stats.province, Membership.Role.ADMINISTRATOR, username="a_p")
    for unit in (stats.c1, stats.c2, stats.s1, stats.s2, stats.s4):
        Population.objects.create(
            organisation=unit, audience=audiences[0], school_year=YEAR, headcount=5
        )
    client.force_login(admin)
    with django_assert_max_num_queries(13):
        response = client.get(LIST, {"nam-hoc": YEAR})
    assert len(response.context["rows"]) == 6  # province, 2 communes, 3 schools


def test_edit_saves_blanks_delete_and_the_audit_log_records(
    client, stats, audiences, c2_admin
):
    youth, teachers = audiences
    Population.objects.create(
        organisation=stats.s4, audience=teachers, school_year=YEAR, headcount=30
    )
    client.force_login(c2_admin)
    form = client.get(_edit(stats.s4)).context["form"]
    assert set(form.fields) == {
        f"a{youth.pk}",
        f"r{youth.pk}",
        f"a{teachers.pk}",
        f"r{teachers.pk}",
    }  # a school: the rosters box too
    response = client.post(
        _edit(stats.s4), {f"a{youth.pk}": "1654", f"a{teachers.pk}": ""}
    )
    assert response.status_code == 302
    assert list(
        Population.objects.values_list("audience__slug", "headcount", "updated_by")
    ) == [("doan-vien", 1654, c2_admin.pk)]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POPULATION)
    assert (entry.actor, entry.organisation) == (c2_admin, stats.s4)
    assert entry.before["figures"] == {"Giáo viên": "30"}
    assert entry.after["figures"] == {"Đoàn viên": "1654"}
    # The rosters box: no number, the flag set.
    client.post(_edit(stats.s4), {f"r{youth.pk}": "on"})
    row = Population.objects.get()
    assert (row.headcount, row.counted_from_rosters) == (None, True)
    # A commune has no rosters box.
    assert f"r{youth.pk}" not in client.get(_edit(stats.c2)).context["form"].fields


@pytest.mark.parametrize("value", ["-3", "12.5", "mười", "10000001"])
def test_bad_numbers_change_nothing(client, stats, audiences, c2_admin, value):
    youth, teachers = audiences
    Population.objects.create(
        organisation=stats.c2, audience=teachers, school_year=YEAR, headcount=30
    )
    client.force_login(c2_admin)
    response = client.post(
        _edit(stats.c2), {f"a{youth.pk}": value, f"a{teachers.pk}": ""}
    )
    assert response.status_code == 400
    assert response.context["form"].errors[f"a{youth.pk}"]
    assert list(Population.objects.values_list("headcount", flat=True)) == [30]
    assert not AuditEntry.objects.exists()


def test_number_and_rosters_together_is_refused(client, stats, audiences, c2_admin):
    youth = audiences[0]
    client.force_login(c2_admin)
    response = client.post(_edit(stats.s4), {f"a{youth.pk}": "5", f"r{youth.pk}": "on"})
    assert response.status_code == 400
    assert not Population.objects.exists()


def _csv(text):
    return SimpleUploadedFile("p.csv", text.encode(), content_type="text/csv")


def test_csv_upload_good_and_broken(client, stats, audiences, c2_admin):
    client.force_login(c2_admin)
    broken = (
        "unit_code;audience;school_year;population\n"
        "19-S4;doan-vien;2026-2027;40\n"  # fine alone: still not saved
        "19-S1;doan-vien;2026-2027;9\n"  # another area's school
        "19-C2;giao-vien;2026-2027;nhiều\n"
    )
    response = client.post(LIST, {"file": _csv(broken)})
    assert response.status_code == 400
    problems = response.context["problems"]
    assert [p.split(":")[0] for p in problems] == ["Dòng 3", "Dòng 4"]
    assert not Population.objects.exists() and not AuditEntry.objects.exists()

    good = (
        "unit_code;audience;school_year;population\n"
        "19-S4;doan-vien;2026-2027;1.654\n"
        "19-S4;giao-vien;2026-2027;rosters\n"
        "19-C2;giao-vien;2026-2027;12\n"
    )
    response = client.post(LIST + f"?nam-hoc={YEAR}", {"file": _csv(good)})
    assert response.status_code == 302
    assert sorted(
        Population.objects.values_list(
            "organisation__code", "audience__slug", "headcount", "counted_from_rosters"
        )
    ) == [
        ("19-C2", "giao-vien", 12, False),
        ("19-S4", "doan-vien", 1654, False),
        ("19-S4", "giao-vien", None, True),
    ]
    logged = AuditEntry.objects.filter(action=AuditEntry.Action.POPULATION)
    assert sorted(e.organisation.code for e in logged) == ["19-C2", "19-S4"]


def test_viewers_may_not_declare_but_the_dashboard_links_for_admins(
    client, stats, audiences
):
    client.force_login(stats.viewer)
    assert client.get(LIST).status_code == 403
    admin = member_of(stats.province, Membership.Role.ADMINISTRATOR, username="a_p")
    Membership.objects.create(
        user=admin, organisation=stats.province, role=Membership.Role.VIEWER
    )
    client.force_login(admin)
    response = client.get("/thong-ke/", {"nam-hoc": YEAR})
    assert f"/nhan-su/dan-so/?nam-hoc={YEAR}" in response.content.decode()
