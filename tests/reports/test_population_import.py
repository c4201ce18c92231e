"""Populations from a CSV (command and admin upload) and typed in the admin:
all or nothing, scoped to the administrator's units."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from courses.models import Audience
from people.models import Membership
from reports.models import Population
from tests.factories import UserFactory, member_of

pytestmark = pytest.mark.django_db

GOOD = (
    "\ufeffunit_code;audience;school_year;population\n"
    "19-S1;doan-vien;2026-2027;1.654\n"
    "19-S4;Đoàn viên;2026-2027;rosters\n"
)


@pytest.fixture
def youth(db):
    return Audience.objects.create(name="Đoàn viên", slug="doan-vien")


def _write(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "populations.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_command_imports_a_good_file_and_updates_on_a_second(stats, youth, tmp_path):
    out = StringIO()
    call_command("import_populations", _write(tmp_path, GOOD), stdout=out)
    assert "2 populations created" in out.getvalue()
    rows = {
        p.organisation.code: (p.headcount, p.counted_from_rosters)
        for p in Population.objects.select_related("organisation")
    }
    assert rows == {"19-S1": (1654, False), "19-S4": (None, True)}
    changed = GOOD.replace("1.654", "1700")
    call_command("import_populations", _write(tmp_path, changed), stdout=out)
    assert Population.objects.get(organisation=stats.s1).headcount == 1700
    # --keep-existing (the demo's way) never changes a declared figure.
    call_command(
        "import_populations",
        _write(tmp_path, GOOD),
        "--keep-existing",
        stdout=out,
    )
    assert Population.objects.get(organisation=stats.s1).headcount == 1700


def test_a_broken_file_changes_nothing_and_names_every_line(stats, youth, tmp_path):
    Population.objects.create(
        organisation=stats.s2, audience=youth, school_year="2026-2027", headcount=5
    )
    broken = (
        "unit_code,audience,school_year,population\n"
        "19-S2,doan-vien,2026-2027,9\n"  # fine alone: still not saved
        "19-XX,doan-vien,2026-2027,10\n"
        "19-S1,ai-do,2026/27,mười\n"
        "19-S2,doan-vien,2026-2027,3\n"
    )
    with pytest.raises(CommandError) as raised:
        call_command("import_populations", _write(tmp_path, broken))
    message = str(raised.value)
    assert "Dòng 3" in message and "19-XX" in message
    assert "Dòng 4" in message and "ai-do" in message and "2026/27" in message
    assert "mười" in message and "Dòng 5" in message
    assert list(Population.objects.values_list("headcount", flat=True)) == [5]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4 not a csv",
        b"PK\x03\x04zipped",
        b"unit_code,population\n19-S1,3\n",  # columns missing
        b"unit_code,audience,school_year,population\n",  # header only
        b"\x00\x01\x02" * 50,
    ],
)
def test_unreadable_files_are_refused_whole(stats, youth, tmp_path, content):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_populations", path)
    assert not Population.objects.exists()


def test_windows_1258_file_is_read(stats, youth, tmp_path):
    text = "unit_code,audience,school_year,population\n19-S1,Đoàn viên,2026-2027,12\n"
    path = tmp_path / "old.csv"
    path.write_bytes(text.encode("cp1258"))
    call_command("import_populations", path, stdout=StringIO())
    assert Population.objects.get().headcount == 12


@pytest.fixture
def c2_admin(stats):
    user = member_of(stats.c2, Membership.Role.ADMINISTRATOR, username="admin_c2")
    user.is_staff = True
    user.save()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return user


def test_admin_upload_is_scoped_and_all_or_nothing(client, stats, youth, c2_admin):
    client.force_login(c2_admin)
    url = reverse("populations:import")
    upload = SimpleUploadedFile("p.csv", GOOD.encode(), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    problems = response.context["problems"]
    assert problems == ["Dòng 2: đơn vị “19-S1” nằm ngoài phạm vi của bạn."]
    assert not Population.objects.exists()
    inside = GOOD.replace("19-S1;doan-vien;2026-2027;1.654\n", "")
    upload = SimpleUploadedFile("p.csv", inside.encode(), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert Population.objects.get().organisation == stats.s4


def test_admin_listing_and_form_are_scoped(client, stats, youth, c2_admin):
    mine = Population.objects.create(
        organisation=stats.s4, audience=youth, school_year="2026-2027", headcount=3
    )
    theirs = Population.objects.create(
        organisation=stats.s1, audience=youth, school_year="2026-2027", headcount=20
    )
    client.force_login(c2_admin)
    response = client.get(reverse("populations:index"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [mine]
    assert client.get(reverse("populations:edit", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("populations:delete", args=[theirs.pk])).status_code == 404
    )
    response = client.get(reverse("populations:add"))
    offered = set(response.context["form"].fields["organisation"].queryset)
    assert offered == {stats.c2, stats.s4}
    response = client.post(
        reverse("populations:add"),
        {
            "organisation": stats.s1.pk,
            "audience": youth.pk,
            "school_year": "2027-2028",
            "headcount": "5",
        },
    )
    assert (
        response.status_code == 200
        and not Population.objects.filter(school_year="2027-2028").exists()
    )
    response = client.post(
        reverse("populations:add"),
        {
            "organisation": stats.s4.pk,
            "audience": youth.pk,
            "school_year": "2027-2028",
            "headcount": "",
        },
    )
    assert response.status_code == 200  # neither a figure nor rosters complete
    response = client.post(
        reverse("populations:add"),
        {
            "organisation": stats.s4.pk,
            "audience": youth.pk,
            "school_year": "2027-2028",
            "headcount": "40",
        },
    )
    assert response.status_code == 302
    added = Population.objects.get(school_year="2027-2028")
    assert (added.headcount, added.updated_by) == (40, c2_admin)


def test_viewers_and_learners_cannot_reach_populations(client, stats):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("populations:import")).status_code in (302, 403, 404)
    client.force_login(stats.viewer)
    assert client.get(reverse("populations:import")).status_code in (302, 403, 404)
